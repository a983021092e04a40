/**
 * Writing a story in the browser host: fields, formatting, Markdown shortcuts, Chinese IME
 * composition (real CDP composition events), autosave to the library on disk, switching
 * stories, and the conflict prompt.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppDriver } from './support/app';
import { startHost, type RunningHost } from './support/host';

let host: RunningHost;
let app: AppDriver;
let violations: string[];

test.beforeEach(async ({ page }) => {
  violations = [];
  // The strict CSP must hold while editing: no inline styles or scripts from Lexical, React or us.
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  host = await startHost();
  app = new AppDriver(page, host);
  await app.open();
});
test.afterEach(async () => {
  await host.stop();
  expect(violations, `CSP violations: ${violations.join(' | ')}`).toEqual([]);
});

function storyOnDisk(id: string) {
  return JSON.parse(readFileSync(path.join(host.library, 'stories', id, 'story.json'), 'utf8'));
}
function onlyStoryId(): string {
  const ids = readdirSync(path.join(host.library, 'stories'));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

test('types headline, deck and body; Enter moves between fields; autosave writes the library', async ({ page }) => {
  await app.newStory();
  await app.headline.click();
  await page.keyboard.type('Riverside park opens second phase');
  await page.keyboard.press('Enter');
  await expect(app.deck).toBeFocused();
  await page.keyboard.type('Free entry from the weekend');
  await page.keyboard.press('Enter');
  await expect(app.body).toBeFocused();
  await page.keyboard.type('The council voted on Tuesday.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('## Budget');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- first item');
  await app.saved();
  const story = storyOnDisk(onlyStoryId());
  expect(story.meta).toMatchObject({ headline: 'Riverside park opens second phase', deck: 'Free entry from the weekend' });
  const blocks = story.content.editorState.root.children.map((n: { type: string; tag?: string }) =>
    n.tag ? `${n.type}:${n.tag}` : n.type,
  );
  expect(blocks).toEqual(['paragraph', 'heading:h2', 'list:ul']);
  await expect(page.getByRole('group', { name: 'Counts' })).toContainText('words');
  await expect(app.stories.first()).toContainText('Riverside park opens second phase');
  // Undo takes back the last edit.
  await page.keyboard.type(' typo');
  await expect(app.body.locator('li')).toHaveText('first item typo');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.body.locator('li')).not.toContainText('typo');
  await app.saved();
  // Nothing is lost across a reload.
  await page.reload();
  await app.stories.first().click();
  await expect(app.body).toContainText('The council voted on Tuesday.');
  await page.screenshot({ path: path.resolve(__dirname, '..', 'test-results', 'screenshots', 'editor-en.png') });
});

test('Chinese IME composition works at every tricky spot and Enter on a candidate never splits the paragraph', async ({ page }) => {
  await app.newStory();
  // In the headline.
  await app.headline.click();
  await app.compose(['b', 'bei', 'beib', '北濱'], '北濱');
  await app.composeWithEnter(['ri', 'ribao'], '日報');
  await expect(app.headline).toHaveValue('北濱日報');
  await expect(app.deck).not.toBeFocused(); // the Enter picked a candidate, it did not move on
  // At the start of an empty paragraph in the body.
  await app.body.click();
  await app.compose(['ji', 'jizhe'], '記者');
  await app.composeWithEnter(['chen', 'chenzhi'], '陳志遠');
  expect(await app.bodyParagraphs()).toEqual(['記者陳志遠']);
  // Inside bold text.
  await page.keyboard.press('ControlOrMeta+b');
  await app.compose(['bao', 'baodao'], '報導');
  await page.keyboard.press('ControlOrMeta+b');
  await expect(app.body.locator('.st-bold')).toHaveText('報導');
  // Right after a Markdown shortcut trigger.
  await page.keyboard.press('Enter');
  await page.keyboard.type('## ');
  await app.compose(['xiao', 'xiaobiao'], '小標');
  await expect(app.body.locator('h2')).toHaveText('小標');
  // After a link.
  await page.keyboard.press('Enter');
  await page.keyboard.type('[site](https://example.com) ');
  await app.compose(['lai', 'laiyuan'], '來源');
  await expect(app.body.locator('a[href="https://example.com/"], a[href="https://example.com"]')).toHaveText('site');
  await expect(app.body).toContainText('來源');
  expect(await app.bodyParagraphs()).toEqual(['記者陳志遠報導', '小標', 'site 來源']);
  await app.saved();
  const story = storyOnDisk(onlyStoryId());
  expect(story.meta.headline).toBe('北濱日報');
  expect(JSON.stringify(story.content.editorState)).toContain('記者陳志遠');
  // Search finds it by a Chinese word from the body, also typed in Simplified.
  await app.newStory();
  await page.getByRole('searchbox', { name: 'Search stories' }).fill('志远');
  await expect(app.stories).toHaveCount(1);
  await expect(app.stories.first()).toContainText('北濱日報');
  await page.getByRole('searchbox', { name: 'Search stories' }).fill('');
  await expect(app.stories).toHaveCount(2);
  await page.screenshot({ path: path.resolve(__dirname, '..', 'test-results', 'screenshots', 'editor-ime.png') });
});

test('switching stories quickly loses nothing', async ({ page }) => {
  await app.newStory();
  await app.headline.fill('Story A');
  await app.body.click();
  await page.keyboard.type('typed in A');
  await app.newStory(); // switch at once, before the idle save
  await app.headline.fill('Story B');
  await app.stories.filter({ hasText: 'Story A' }).click();
  await expect(app.body).toContainText('typed in A');
  await expect(app.headline).toHaveValue('Story A');
});

test('a conflicting change elsewhere asks before anything is overwritten', async ({ page }) => {
  await app.newStory();
  await app.headline.fill('Mine');
  await app.saved();
  const id = onlyStoryId();
  await app.call('drafts:rename', { id, headline: 'Theirs' }); // another writer moves the story on
  await app.body.click();
  await page.keyboard.type('my paragraph');
  await expect(page.getByRole('alertdialog', { name: 'This story was changed elsewhere' })).toBeVisible({ timeout: 10_000 });
  await expect(app.saveState).toContainText('Not saved —');
  expect(storyOnDisk(id).meta.headline).toBe('Theirs');
  await page.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(app.stories).toHaveCount(2);
  const copies = readdirSync(path.join(host.library, 'stories')).filter((other) => other !== id);
  expect(JSON.stringify(storyOnDisk(copies[0]!).content.editorState)).toContain('my paragraph');
  expect(storyOnDisk(id).meta.headline).toBe('Theirs');
});

test('links refuse javascript: addresses', async ({ page }) => {
  await app.newStory();
  await app.body.click();
  await page.keyboard.type('click here');
  await page.keyboard.press('Shift+Home');
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Link' });
  await dialog.getByRole('textbox').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Only http, https and mailto');
  await dialog.getByRole('textbox').fill('https://example.com/report');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(app.body.locator('a')).toHaveAttribute('href', 'https://example.com/report');
});

test('the library list is keyboard navigable and Delete moves a story to the trash', async ({ page }) => {
  for (const headline of ['First', 'Second']) {
    await app.newStory();
    await app.headline.fill(headline);
    await app.saved();
  }
  const list = page.getByRole('listbox', { name: 'Stories' });
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(app.headline).toHaveValue('First');
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(app.stories).toHaveCount(1);
  await page.getByRole('button', { name: 'Trash' }).click();
  await page.getByRole('button', { name: 'Restore “First”' }).click();
  await page.getByRole('button', { name: 'Back to stories' }).click();
  await expect(app.stories).toHaveCount(2);
});

/** Dispatches a real paste event carrying the given clipboard flavours at the caret. */
async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate((flavours) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(flavours)) transfer.setData(type, value);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

test('pasting Word/web HTML keeps structure and drops junk, images and trackers', async ({ page }) => {
  await app.newStory();
  await app.body.click();
  const html = `<html><head><style>p{color:red}</style><script>window.__pwned=1</script></head><body>
    <h1 class="MsoTitle" style="mso-style:x">濱江公園</h1>
    <p class="MsoNormal" onclick="window.__pwned=2"><b>Bold</b> and <i>italic</i> <span style="font-weight:700">heavy</span><o:p></o:p></p>
    <ul><li>first</li><li>second</li></ul>
    <p><a href="https://example.com/story?utm_source=x&id=3&fbclid=y">source</a> <a href="javascript:alert(1)">bad link</a></p>
    <img src="https://tracker.example/pixel.gif" width="1" height="1"><img src="data:image/png;base64,AAAA" alt="photo">
    <iframe src="https://evil.example"></iframe></body></html>`;
  await paste(page, { 'text/html': html, 'text/plain': 'fallback' });
  await expect(app.body.locator('h2')).toHaveText('濱江公園');
  await expect(app.body.locator('.st-bold').first()).toHaveText('Bold');
  await expect(app.body.locator('li')).toHaveText(['first', 'second']);
  await expect(app.body.locator('a')).toHaveCount(1);
  await expect(app.body.locator('a')).toHaveAttribute('href', 'https://example.com/story?id=3');
  await expect(app.body).toContainText('bad link');
  await expect(app.body.locator('img, iframe, script, style')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByRole('status').filter({ hasText: 'image' })).toContainText('not pasted');
  await app.saved();
  expect(JSON.stringify(storyOnDisk(onlyStoryId()).content.editorState)).not.toMatch(/data:|javascript:|utm_source|<script/);
});

test('a 500 KB plain-text paste keeps paragraphs and the editor stays usable', async ({ page }) => {
  await app.newStory();
  await app.body.click();
  const paragraph = '濱江市民公園二期工程昨日竣工，周末起免費開放。The council voted on Tuesday. ';
  const lines = Array.from({ length: Math.ceil(500_000 / (paragraph.length * 3)) }, (_, i) => `${i} ${paragraph}${paragraph}${paragraph}`);
  const text = lines.join('\r\n');
  expect(Buffer.byteLength(text)).toBeGreaterThan(500_000);
  const started = Date.now();
  await paste(page, { 'text/plain': text });
  await expect(app.body.locator('p')).toHaveCount(lines.length, { timeout: 30_000 });
  const pasteMs = Date.now() - started;
  await page.keyboard.type('END');
  await expect(app.body.locator('p').last()).toContainText('END', { timeout: 10_000 });
  const typeMs = Date.now() - started - pasteMs;
  console.log(JSON.stringify({ largePaste: { bytes: Buffer.byteLength(text), paragraphs: lines.length, pasteMs, typeAfterMs: typeMs } }));
  await app.saved();
});

test('the editor in Traditional Chinese (screenshot)', async ({ page }) => {
  await host.stop();
  host = await startHost(['--lang', 'zh-Hant']);
  await page.goto(host.url);
  await page.getByRole('button', { name: '新增稿件' }).click();
  await page.getByRole('textbox', { name: '標題', exact: true }).fill('濱江市民公園二期竣工 周末起免費開放');
  await page.getByRole('textbox', { name: '副標題', exact: true }).fill('北濱日報記者陳志遠 通訊員 黃佳');
  await page.getByRole('textbox', { name: '正文', exact: true }).click();
  await page.keyboard.insertText('北濱日報·北濱新聞客戶端訊 4月18日，濱江市民公園二期工程通過竣工驗收，周末起免費向市民開放。');
  await page.keyboard.press('Enter');
  await page.keyboard.type('## ');
  await page.keyboard.insertText('新增停車位');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('貛江新區管委會表示，將增設停車位與無障礙設施。');
  await expect(page.getByRole('status', { name: '儲存狀態' })).toHaveText('已儲存', { timeout: 10_000 });
  await expect(page.getByRole('textbox', { name: '正文', exact: true }).locator('h2')).toHaveText('新增停車位');
  await expect(page.getByRole('group', { name: '字數統計' })).toContainText('字');
  await page.screenshot({ path: path.resolve(__dirname, '..', 'test-results', 'screenshots', 'editor-zh-Hant.png') });
});

test('focus mode hides the side panels; the shortcuts sheet opens with Ctrl+/', async ({ page }) => {
  await app.newStory();
  await page.keyboard.press('ControlOrMeta+/');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Bold/ }).first()).toContainText('B');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Focus mode' }).click();
  await expect(page.getByRole('navigation', { name: 'Library' })).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toHaveCount(0);
  await expect(app.body).toBeVisible();
  await page.getByRole('button', { name: 'Focus mode' }).click();
  await expect(page.getByRole('navigation', { name: 'Library' })).toBeVisible();
});

test('find and replace: width- and case-insensitive, replace all, undoable', async ({ page }) => {
  await app.newStory();
  await app.body.click();
  await page.keyboard.insertText('ＣＯＶＩＤ cases rose; Covid clinics opened.');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('No other mention.');
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('search', { name: 'Find and replace' });
  await find.getByRole('searchbox', { name: 'Find' }).fill('covid');
  await expect(find.getByRole('status', { name: 'Matches' })).toHaveText('1 of 2');
  await find.getByRole('searchbox', { name: 'Find' }).press('Enter');
  await expect(find.getByRole('status', { name: 'Matches' })).toHaveText('2 of 2');
  await find.getByRole('checkbox', { name: 'Match case' }).check();
  await expect(find.getByRole('status', { name: 'Matches' })).toHaveText('0 of 0');
  await find.getByRole('checkbox', { name: 'Match case' }).uncheck();
  await find.getByRole('textbox', { name: 'Replace with' }).fill('新冠');
  await find.getByRole('button', { name: 'Replace all' }).click();
  await expect(app.body.locator('p').first()).toHaveText('新冠 cases rose; 新冠 clinics opened.');
  await expect(find.getByRole('status', { name: 'Matches' })).toHaveText('0 of 0');
  await app.body.click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.body.locator('p').first()).toHaveText('ＣＯＶＩＤ cases rose; Covid clinics opened.');
});

test('the headline limit and the story target show as the reporter types', async ({ page }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('spinbutton', { name: 'Headline limit (words/字)' }).fill('10');
  await page.keyboard.press('Escape');
  await app.newStory();
  await app.headline.fill('濱江市民公園二期');
  await expect(page.getByTestId('headline-count')).toHaveText('Headline: 8 / 10');
  await expect(page.getByTestId('headline-count')).toHaveClass(/count-ok/);
  await app.headline.fill('濱江市民公園二期竣工開放');
  await expect(page.getByTestId('headline-count')).toHaveText('Headline: 12 / 10');
  await expect(page.getByTestId('headline-count')).toHaveClass(/count-over/);
  await page.getByRole('spinbutton', { name: 'Target length (words/字)' }).fill('20');
  await app.body.click();
  await page.keyboard.insertText('濱江市民公園二期工程昨日竣工');
  await expect(page.getByRole('group', { name: 'Counts' })).toContainText('6 to go of 20');
  await app.saved();
  expect(storyOnDisk(onlyStoryId()).meta.targetLength).toBe(20);
});
