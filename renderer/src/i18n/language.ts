// The window's language: the one chosen in the settings, or the OS locale's (main's AppInfo),
// or, before main has answered, the browser's.
import type { LanguageSetting } from '../../../common/contract';
import { detectLanguage, navigatorLanguage, type Language } from './index';

export function resolveLanguage(setting: LanguageSetting | undefined, osLocale: string | undefined): Language {
  if (setting === 'en' || setting === 'ja') return setting;
  return osLocale ? detectLanguage(osLocale) : navigatorLanguage();
}
