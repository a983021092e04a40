import { describe, expect, it } from 'vitest';
import { channelNames } from './channels.js';
import { channels, contract, methodName } from './contract.js';

describe('contract', () => {
  it('declares exactly the channels the preload lists, each named feature:verb', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
    expect(channels).toEqual(channelNames);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('maps channels to method names', () => {
    expect(methodName('settings:get')).toBe('settingsGet');
    expect(methodName('app:takePendingOpens')).toBe('appTakePendingOpens');
    expect(new Set(channels.map(methodName)).size).toBe(channels.length);
  });

  it('operations without input accept nothing, null or {} and reject anything else', () => {
    const input = contract['app:info'].input;
    for (const good of [undefined, null, {}]) expect(input.safeParse(good).success).toBe(true);
    for (const bad of ['x', 1, [], { extra: true }]) expect(input.safeParse(bad).success).toBe(false);
  });

  it('settings:set accepts partial updates of known keys only', () => {
    const input = contract['settings:set'].input;
    expect(input.safeParse({ theme: 'dark' }).success).toBe(true);
    expect(input.safeParse({ language: 'zh-Hant', libraryPath: null }).success).toBe(true);
    for (const bad of [
      { theme: 'purple' },
      { language: 'fr' },
      { language: 'zh-TW' },
      { libraryPath: '' },
      { libraryPath: 'x'.repeat(5000) },
      { unknownKey: 1 },
      { theme: ['dark'] },
      'theme=dark',
      null,
    ]) {
      expect(input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('app:info output schema describes what hosts return', () => {
    const sample = {
      name: 'Copydesk',
      version: '1.0.0',
      platform: 'win32',
      host: 'electron',
      libraryPath: 'C:\\Users\\a\\Documents\\Copydesk',
      librarySource: 'default',
      languageOverride: null,
      systemLocale: 'zh-TW',
    };
    expect(contract['app:info'].output.parse(sample)).toEqual(sample);
    expect(contract['app:info'].output.safeParse({ ...sample, platform: 'beos' }).success).toBe(false);
  });
});
