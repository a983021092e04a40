import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/api/settings.js';
import { createSettingsStore } from './settingsStore.js';

const configDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'copydesk-settings-')), 'Copydesk');

describe('settings store', () => {
  it('starts from defaults without creating anything, then persists updates', async () => {
    const dir = configDir();
    const store = createSettingsStore(dir);
    expect(await store.get()).toEqual(defaultSettings);
    expect(existsSync(dir)).toBe(false);
    expect(await store.update({ theme: 'dark' })).toEqual({ ...defaultSettings, theme: 'dark' });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ ...defaultSettings, theme: 'dark' });
    expect(await createSettingsStore(dir).get()).toEqual({ ...defaultSettings, theme: 'dark' });
  });

  it('moves a damaged file aside, warns, and keeps working', async () => {
    const dir = configDir();
    await createSettingsStore(dir).update({ language: 'zh-Hant' });
    writeFileSync(path.join(dir, 'settings.json'), '{"language": "zh-Hant", "theme": ');
    const store = createSettingsStore(dir);
    expect(await store.get()).toEqual(defaultSettings);
    expect(store.warning).toMatch(/unreadable.*defaults/);
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"language": "zh-Hant", "theme": ');
  });

  it('refuses an invalid update and keeps what was saved', async () => {
    const dir = configDir();
    const store = createSettingsStore(dir);
    await store.update({ theme: 'light' });
    await expect(store.update({ theme: 'neon' as never })).rejects.toThrow();
    expect(await createSettingsStore(dir).get()).toEqual({ ...defaultSettings, theme: 'light' });
  });

  it('applies concurrent updates in order without losing any', async () => {
    const dir = configDir();
    const store = createSettingsStore(dir);
    await Promise.all([store.update({ theme: 'dark' }), store.update({ language: 'zh-Hans' }), store.update({ libraryPath: '/srv/稿庫' })]);
    expect(await createSettingsStore(dir).get()).toEqual({
      ...defaultSettings,
      language: 'zh-Hans',
      theme: 'dark',
      libraryPath: '/srv/稿庫',
    });
  });
});
