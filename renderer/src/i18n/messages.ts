// Types of the dictionaries and of t(): the shape comes from en.ts, and i18next is told about it
// (CustomTypeOptions), so t('some.key', { name }) is checked against en's keys and placeholders.
import type { en } from './en';

/** en's shape with every text widened to string: what another language must provide, exactly. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type Messages = Shape<typeof en>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
    /** A key not in en is an error even with a default value. */
    strictKeyChecks: true;
    /** A text with {{placeholders}} cannot be translated without its values. */
    strictInterpolationChecks: true;
  }
}

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every dotted key of the dictionaries, e.g. 'status.assumed'. */
export type MessageKey = Leaves<typeof en>;
