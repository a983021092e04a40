import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../../src-shared/api/settings.js';
import { accelerator, allAccelerators, buildMenuTemplate, type MenuItemSpec } from './menu.js';

const labels = (items: readonly MenuItemSpec[]) => items.map((item) => item.label);
const find = (items: readonly MenuItemSpec[], command: string): MenuItemSpec | undefined =>
  items.flatMap((item) => [item, ...(item.submenu ?? [])]).find((item) => item.command === command);

describe('menu template', () => {
  it('uses Cmd on macOS and never Ctrl for app shortcuts', () => {
    const mac = buildMenuTemplate('darwin', 'en');
    const keys = allAccelerators(mac);
    expect(keys).toContain('Cmd+N');
    expect(keys).toContain('Cmd+,');
    expect(keys).toContain('Cmd+Shift+Z');
    expect(keys.filter((k) => k.includes('Ctrl') && k !== 'Ctrl+Cmd+F')).toEqual([]);
  });

  for (const platform of ['win32', 'linux'] as const) {
    it(`uses Ctrl on ${platform} and never Cmd`, () => {
      const keys = allAccelerators(buildMenuTemplate(platform, 'en'));
      expect(keys).toContain('Ctrl+N');
      expect(keys).toContain('Ctrl+Y');
      expect(keys.filter((k) => k.includes('Cmd'))).toEqual([]);
    });
  }

  it('follows platform conventions for menu order', () => {
    expect(labels(buildMenuTemplate('darwin', 'en'))).toEqual(['Copydesk', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(buildMenuTemplate('win32', 'en'))).toEqual(['File', 'Edit', 'View', 'Help']);
    // Settings: in the app menu on macOS, in File on Windows; Exit in File on Windows.
    const mac = buildMenuTemplate('darwin', 'en');
    expect(find(mac.slice(0, 1), 'settings')?.accelerator).toBe('Cmd+,');
    const win = buildMenuTemplate('win32', 'en');
    expect(win[0]?.submenu?.some((item) => item.role === 'quit' && item.label === 'Exit')).toBe(true);
  });

  it('has no duplicate accelerators in any language or platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const language of uiLanguages) {
        const keys = allAccelerators(buildMenuTemplate(platform, language));
        expect(new Set(keys).size, `${platform} ${language}`).toBe(keys.length);
      }
    }
  });

  it('is translated', () => {
    expect(labels(buildMenuTemplate('win32', 'zh-Hant'))).toEqual(['檔案', '編輯', '檢視', '說明']);
    expect(labels(buildMenuTemplate('win32', 'zh-Hans'))).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('offers devtools only in development', () => {
    const roles = (items: readonly MenuItemSpec[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
    expect(roles(buildMenuTemplate('linux', 'en', false))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate('linux', 'en', true))).toContain('toggleDevTools');
  });

  it('resolves Mod per platform', () => {
    expect(accelerator('darwin', 'Mod+Shift+E')).toBe('Cmd+Shift+E');
    expect(accelerator('win32', 'Mod+Shift+E')).toBe('Ctrl+Shift+E');
  });
});
