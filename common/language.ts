// The languages Rolecall speaks, in the window and in main's tray and notifications alike, and
// how the settings' choice (or the OS locale, for "system") picks one.
import type { LanguageSetting } from './rules';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Japanese for a locale tag that starts with "ja" (any case), English for anything else. */
export function languageOfLocale(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The language chosen in the settings, or for "system" the locale's. */
export function chosenLanguage(setting: LanguageSetting, locale: string | undefined): Language {
  return setting === 'system' ? languageOfLocale(locale) : setting;
}
