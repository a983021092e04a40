/**
 * The app shell through the browser host in real Chromium: loads, speaks English and Chinese
 * with the right CJK fonts, persists settings through the contract, refuses calls without the
 * token, and never sends a request off 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/host';

const SHOTS = path.resolve(__dirname, '..', 'test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

let host: RunningHost;
let requests: string[];

function recordRequests(context: BrowserContext): void {
  requests = [];
  context.on('request', (request) => requests.push(request.url()));
}

/** Every request the page made went to the host on 127.0.0.1 (checked after each test). */
function expectLoopbackOnly(): void {
  expect(requests.length).toBeGreaterThan(0);
  const off = requests.filter((url) => new URL(url).origin !== host.origin);
  expect(off, `requests that left ${host.origin}`).toEqual([]);
}

/** Fonts Chromium actually used to paint an element's text (CDP CSS.getPlatformFontsForNode). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodeId: textId } = await cdp.send('DOM.requestChildNodes', { nodeId }).then(async () => {
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
    const child = node.children?.find((c) => c.nodeType === 3);
    const pushed = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [child?.backendNodeId ?? node.backendNodeId] });
    return { nodeId: pushed.nodeIds[0]! };
  });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: textId });
  await cdp.detach();
  return fonts.map((font) => font.familyName);
}

/** Interactive elements with no accessible name, from Chromium's own accessibility tree. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const interactive = new Set(['button', 'combobox', 'textbox', 'searchbox', 'link', 'checkbox', 'menuitem', 'tab', 'listbox']);
  return nodes
    .filter((node) => !node.ignored && interactive.has(String(node.role?.value)) && !String(node.name?.value ?? '').trim())
    .map((node) => `${String(node.role?.value)}#${node.backendDOMNodeId}`);
}

test.afterEach(async () => {
  await host?.stop();
});

test('loads in English with the shell landmarks, status and no unnamed controls', async ({ page, context }) => {
  host = await startHost();
  recordRequests(context);
  expect(host.firstLine).toMatch(/^Copydesk running at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Editor' })).toContainText('No story open');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toContainText(host.library);
  await expect(page.getByRole('contentinfo')).toContainText('Browser host');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The token is taken off the address bar once read.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(await unnamedControls(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'shell-en.png') });
  expectLoopbackOnly();
});

test('--lang zh-Hant shows Traditional Chinese rendered with a Traditional CJK font', async ({ page, context }) => {
  host = await startHost(['--lang', 'zh-Hant']);
  recordRequests(context);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '稿庫' })).toBeVisible();
  await expect(page.getByRole('main', { name: '編輯區' })).toContainText('未開啟稿件');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  const fonts = await renderedFonts(page, '.editor-area .empty-hint');
  expect(
    fonts.some((family) => /CJK TC|JhengHei|PingFang TC|Han Sans TC/.test(family)),
    `fonts used: ${fonts.join(', ')}`,
  ).toBe(true);
  expect(
    fonts.some((family) => /CJK SC|YaHei|PingFang SC/.test(family)),
    `fonts used: ${fonts.join(', ')}`,
  ).toBe(false);
  await page.screenshot({ path: path.join(SHOTS, 'shell-zh-Hant.png') });
  expectLoopbackOnly();
});

test.describe('with a Simplified Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('defaults to zh-Hans from the browser locale, with a Simplified CJK font', async ({ page, context }) => {
    host = await startHost();
    recordRequests(context);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '稿库' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    const fonts = await renderedFonts(page, '.editor-area .empty-hint');
    expect(
      fonts.some((family) => /CJK SC|YaHei|PingFang SC|Han Sans SC/.test(family)),
      `fonts used: ${fonts.join(', ')}`,
    ).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'shell-zh-Hans.png') });
    expectLoopbackOnly();
  });
});

test('settings change language and theme, and survive a reload', async ({ page, context }) => {
  host = await startHost();
  recordRequests(context);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await dialog.getByRole('combobox', { name: 'Language' }).selectOption('zh-Hant');
  await expect(page.getByRole('dialog', { name: '設定' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '稿庫' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'settings-zh-Hant-dark.png') });
  // Another library folder: a relative path is refused with a message, an absolute one is kept for next launch.
  const settingsDialog = page.getByRole('dialog', { name: '設定' });
  await settingsDialog.getByRole('textbox', { name: '改用其他稿庫資料夾' }).fill('relative/folder');
  await settingsDialog.getByRole('button', { name: '使用此資料夾' }).click();
  await expect(settingsDialog.getByRole('alert')).toContainText('absolute');
  const other = path.join(host.library, '..', 'Other 稿庫');
  await settingsDialog.getByRole('textbox', { name: '改用其他稿庫資料夾' }).fill(other);
  await settingsDialog.getByRole('button', { name: '使用此資料夾' }).click();
  await expect(settingsDialog).toContainText('優先於設定'); // started with --library, which wins
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.reload(); // the token lives in sessionStorage now, not in the address
  await expect(page.getByRole('heading', { name: '稿庫' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expectLoopbackOnly();
});

test('API calls without the right token are refused with 403, and a page without it says so', async ({ page, context }) => {
  host = await startHost();
  recordRequests(context);
  await page.goto(`${host.origin}/`);
  await expect(page.getByRole('alert')).toContainText('No access token');
  const statuses = await page.evaluate(async () => {
    const call = (headers: Record<string, string>) =>
      fetch('/api/app:info', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: 'null' }).then(
        (r) => r.status,
      );
    return { none: await call({}), wrong: await call({ 'x-copydesk-token': 'not-the-token' }) };
  });
  expect(statuses).toEqual({ none: 403, wrong: 403 });
  const right = await page.evaluate(
    async (token) =>
      (
        await fetch('/api/app:info', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-copydesk-token': token },
          body: 'null',
        })
      ).status,
    host.token,
  );
  expect(right).toBe(200);
  expectLoopbackOnly();
});
