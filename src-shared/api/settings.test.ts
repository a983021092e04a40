import { describe, expect, it } from 'vitest';
import { defaultSettings, parseStoredSettings } from './settings.js';

describe('parseStoredSettings', () => {
  it('fills missing keys with defaults and ignores keys from newer versions', () => {
    expect(parseStoredSettings('{"theme":"dark","futureKey":42}')).toEqual({ ...defaultSettings, theme: 'dark' });
  });

  it('returns null for content that is not usable', () => {
    for (const bad of ['', '{', 'null', '[]', '"dark"', '{"theme":"purple"}', '{"libraryPath":""}']) {
      expect(parseStoredSettings(bad), bad).toBeNull();
    }
  });
});
