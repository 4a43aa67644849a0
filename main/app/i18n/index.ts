// The main process's texts (tray, notifications, CLI install) in English and Japanese. A private
// i18next instance per translator (never the global one), initialised synchronously from the
// bundled resources, so a translator is ready on return and the tray can be built at once.
import { createInstance } from 'i18next';
import { LANGUAGES, type Language } from '../../../common/language';
import { formatWholeMinutes } from '../../../common/time';
import { en } from './en';
import { ja } from './ja';

/** en's shape with every text widened to string: what ja must provide, exactly. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type MainMessages = Shape<typeof en>;

/** i18next picks key_one / key_other from {{count}}: callers name the key without the suffix. */
type PluralBase<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${PluralBase<K>}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every dotted key of the dictionaries, e.g. 'tray.stopAll'. */
export type MainMessageKey = Leaves<typeof en>;

export type MainVars = Record<string, string | number>;

export interface MainT {
  (key: MainMessageKey, vars?: MainVars): string;
  /** The language it speaks, for what i18next does not word (clock times). */
  readonly language: Language;
}

export function createMainTranslator(language: Language): MainT {
  const instance = createInstance();
  void instance.init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES,
    returnNull: false,
    // Tray labels and notifications are plain text, not HTML: a path's "/" must stay a "/".
    interpolation: { escapeValue: false },
    // Bundled resources: ready on return.
    initAsync: false,
  });
  const translate = (key: MainMessageKey, vars?: MainVars): string => instance.t(key, vars ?? {});
  return Object.assign(translate, { language });
}

/** "42 min", "1 h 5 min", "2 h", or "under 1 min": whole minutes left, never negative. */
export function formatMinutes(minutes: number, t: MainT): string {
  return Math.floor(minutes) <= 0 ? t('duration.underMinute') : formatWholeMinutes(minutes, t);
}
