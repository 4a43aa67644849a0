// The window's language: the one chosen in the settings, or the OS locale's (main's AppInfo),
// or, before main has answered, the browser's.
import { languageOfLocale, type Language } from '../../../common/language';
import type { LanguageSetting } from '../../../common/rules';
import { navigatorLanguage } from './index';

export function resolveLanguage(setting: LanguageSetting | undefined, osLocale: string | undefined): Language {
  if (setting !== undefined && setting !== 'system') return setting;
  return osLocale ? languageOfLocale(osLocale) : navigatorLanguage();
}
