import type { UiLanguage } from './settings.js';

/**
 * Picks the UI language for a list of BCP 47 tags in preference order (navigator.languages,
 * the OS locale). Script subtags win over regions: zh-Hant-CN is Traditional, zh-Hans-HK is
 * Simplified; without a script, likely-subtags decide (zh-TW, zh-HK → Traditional; zh, zh-SG → Simplified).
 */
export function pickUiLanguage(tags: readonly string[]): UiLanguage {
  for (const raw of tags) {
    let locale: Intl.Locale;
    try {
      locale = new Intl.Locale(raw.replace(/_/g, '-'));
    } catch {
      continue;
    }
    if (locale.language === 'en') return 'en';
    if (locale.language !== 'zh') continue;
    const script = locale.script ?? locale.maximize().script;
    if (script === 'Hant') return 'zh-Hant';
    return 'zh-Hans';
  }
  return 'en';
}
