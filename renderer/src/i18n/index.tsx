// A small typed i18n: the language comes from navigator.language (Japanese when it starts with
// "ja", English otherwise); components call t(key, ...args) and never hold a UI string.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en } from './en';
import { ja } from './ja';
import type { Language, MessageArgs, MessageKey, Messages } from './messages';

export type { Language, MessageKey } from './messages';

const DICTIONARIES: Record<Language, Messages> = { en, ja };

export function detectLanguage(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

export function translator(language: Language): Translate {
  const messages = DICTIONARIES[language];
  return (key, ...args) => {
    const entry = messages[key] as string | ((...a: unknown[]) => string);
    return typeof entry === 'function' ? entry(...args) : entry;
  };
}

const LanguageContext = createContext<Language>('en');

export function I18nProvider({ language, children }: { language?: Language; children: ReactNode }) {
  const chosen = language ?? detectLanguage(typeof navigator === 'undefined' ? undefined : navigator.language);
  return <LanguageContext.Provider value={chosen}>{children}</LanguageContext.Provider>;
}

export function useI18n(): { t: Translate; language: Language } {
  const language = useContext(LanguageContext);
  return useMemo(() => ({ t: translator(language), language }), [language]);
}
