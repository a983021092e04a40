import { z } from 'zod';

export const uiLanguages = ['en', 'zh-Hant', 'zh-Hans'] as const;
export const UiLanguage = z.enum(uiLanguages);
export type UiLanguage = z.infer<typeof UiLanguage>;

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** User preferences stored in the per-user config folder (not in the library). */
const settingsShape = z.object({
  language: z.union([z.literal('system'), UiLanguage]),
  theme: Theme,
  /** Absolute path of the library folder chosen in Settings; null means the default. */
  libraryPath: z.string().min(1).max(4096).nullable(),
  /** House limit for headlines in 字; the editor warns as it is approached and passed. */
  headlineLimit: z.number().int().min(1).max(1000).nullable(),
});
export const Settings = settingsShape.strict();
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { language: 'system', theme: 'system', libraryPath: null, headlineLimit: null };

/** A partial update: only the keys given change. */
export const SettingsPatch = Settings.partial();

/**
 * Reads a stored settings file leniently: keys written by a newer version are ignored and
 * missing keys take defaults. Returns null when the content is not usable at all.
 */
export function parseStoredSettings(text: string): Settings | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = settingsShape.partial().safeParse(raw);
  if (!parsed.success) return null;
  const known = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...defaultSettings, ...known };
}
export type SettingsPatch = z.infer<typeof SettingsPatch>;
