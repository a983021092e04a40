/** i18next set up with the three UI languages bundled (no network, no lazy loading). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLanguage } from '../../src-shared/api/settings.js';
import en from './locales/en.json';
import zhHans from './locales/zh-Hans.json';
import zhHant from './locales/zh-Hant.json';

export const resources = { en: { translation: en }, 'zh-Hant': { translation: zhHant }, 'zh-Hans': { translation: zhHans } } as const;

export async function initI18n(language: UiLanguage): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}

/** Switches language and keeps <html lang> right, which picks the CJK font (TC vs SC glyphs). */
export async function applyLanguage(language: UiLanguage): Promise<void> {
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
