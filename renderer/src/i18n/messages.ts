// The dictionary's shape, derived from en.ts: same keys, each a string or a function of the
// same arguments returning a string.
import type { en } from './en';

type English = typeof en;

export type Messages = {
  readonly [K in keyof English]: English[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

export type MessageKey = keyof Messages;

/** The arguments a key takes: none for plain strings. */
export type MessageArgs<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : [];

export type Language = 'en' | 'ja';
