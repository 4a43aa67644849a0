// The renderer's i18n: an i18next instance per provider (never the global singleton, so each test
// can have its own language) with the bundled en/ja resources. The language comes from
// navigator.language (Japanese when it starts with "ja", English otherwise) unless chosen
// explicitly. Components call react-i18next's useTranslation() and never hold a UI string.
import { createInstance, type i18n as I18n } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';
import { LANGUAGES, languageOfLocale, type Language } from '../../../common/language';

export type { Language };
export type { Messages } from './messages';

export const resources = {
  en: { translation: en },
  ja: { translation: ja },
} as const;

/** The language navigator.language asks for (English outside a browser). */
export function navigatorLanguage(): Language {
  return languageOfLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}

/** A new, initialised i18next instance; ready to translate on return (the resources are bundled). */
export function createI18n(language: Language = navigatorLanguage()): I18n {
  const instance = createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES,
    returnNull: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    // Bundled resources: initialise synchronously, so the first render is already translated.
    initAsync: false,
  });
  return instance;
}

/**
 * Provides an i18next instance to useTranslation(). `language` chooses the language explicitly
 * (e.g. from a setting) and can change later; without it, navigator.language decides.
 */
export function I18nProvider({ language, children }: { language?: Language; children: ReactNode }) {
  const chosen = language ?? navigatorLanguage();
  const [i18n] = useState(() => createI18n(chosen));
  useEffect(() => {
    if (i18n.language !== chosen) void i18n.changeLanguage(chosen);
  }, [i18n, chosen]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
