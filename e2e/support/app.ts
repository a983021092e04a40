/** Domain-level helpers for driving the app through the browser host. */
import { expect, type CDPSession, type Page } from '@playwright/test';
import type { RunningHost } from './host';

export class AppDriver {
  private cdp: CDPSession | null = null;
  constructor(
    readonly page: Page,
    readonly host: RunningHost,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await expect(this.page.getByRole('button', { name: 'New story' })).toBeVisible();
  }

  get headline() {
    return this.page.getByRole('textbox', { name: 'Headline' });
  }
  get deck() {
    return this.page.getByRole('textbox', { name: 'Deck' });
  }
  get body() {
    return this.page.getByRole('textbox', { name: 'Story body' });
  }
  get saveState() {
    return this.page.getByRole('status', { name: 'Save status' });
  }
  get stories() {
    return this.page.getByRole('listbox', { name: 'Stories' }).getByRole('option');
  }

  async newStory(): Promise<void> {
    const before = await this.stories.count();
    await this.page.getByRole('button', { name: 'New story' }).click();
    await expect(this.stories).toHaveCount(before + 1);
    await expect(this.headline).toBeVisible();
  }

  async saved(): Promise<void> {
    await expect(this.saveState).toHaveText('Saved', { timeout: 10_000 });
  }

  /** Calls the contract directly, as another client of the same library would. */
  async call<T>(channel: string, input: unknown): Promise<T> {
    const response = await fetch(`${this.host.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-copydesk-token': this.host.token },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!result.ok) throw new Error(result.error?.message);
    return result.value;
  }

  /** Real IME composition through Chromium's input pipeline (CDP), as a Pinyin/Zhuyin IME sends it. */
  async compose(steps: readonly string[], commit: string): Promise<void> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    for (const text of steps) {
      await this.cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await this.cdp.send('Input.insertText', { text: commit });
  }

  /** Presses Enter while a composition is active (the IME's "commit candidate" Enter). */
  async composeWithEnter(steps: readonly string[], commit: string): Promise<void> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    for (const text of steps) {
      await this.cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await this.cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await this.cdp.send('Input.insertText', { text: commit });
    await this.cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 13,
      nativeVirtualKeyCode: 13,
    });
  }

  async bodyParagraphs(): Promise<string[]> {
    return this.body.locator(':scope > *').allInnerTexts();
  }
}
