import { describe, expect, it } from 'vitest';
import { pickUiLanguage } from './locale.js';

describe('pickUiLanguage', () => {
  it.each([
    [['zh-TW'], 'zh-Hant'],
    [['zh-HK', 'en'], 'zh-Hant'],
    [['zh-MO'], 'zh-Hant'],
    [['zh-Hant-CN'], 'zh-Hant'],
    [['zh_TW'], 'zh-Hant'],
    [['zh-CN'], 'zh-Hans'],
    [['zh'], 'zh-Hans'],
    [['zh-SG'], 'zh-Hans'],
    [['zh-Hans-HK'], 'zh-Hans'],
    [['en-GB', 'zh-TW'], 'en'],
    [['fr-FR', 'de', 'zh-TW'], 'zh-Hant'],
    [['fr-FR'], 'en'],
    [['not a locale!!', 'zh-CN'], 'zh-Hans'],
    [[], 'en'],
  ] as const)('%j → %s', (tags, expected) => {
    expect(pickUiLanguage(tags)).toBe(expected);
  });
});
