// Core's error codes the page words in its own language; any other code gets a generic sentence
// (AWS's or core's own message is always shown beneath it, verbatim).
import { CODES_WITH_FACTS_IN_HINT, WORDED_ERROR_CODES, type WordedErrorCode } from '../../../common/error-codes';
import type { IpcError } from '../../../common/contract';

// A code from a newer or older main than this page may not be in the union: it is checked at run time.
const WORDED = new Set<string>(WORDED_ERROR_CODES);
const FACTS_IN_HINT = new Set<string>(CODES_WITH_FACTS_IN_HINT);

export type ErrorKey = `errors.${WordedErrorCode}` | 'errors.fallback';

export function errorKey(error: Pick<IpcError, 'code'>): ErrorKey {
  return WORDED.has(error.code) ? (`errors.${error.code as WordedErrorCode}` as const) : 'errors.fallback';
}

/**
 * Core's hints are written for the terminal (flags, commands); a known code's sentence already says
 * what to do in the window, so a hint is shown only without such a sentence, or when it names facts
 * the sentence cannot (the key to delete, what a failed rotation undid).
 */
export function showsHint(error: Pick<IpcError, 'code' | 'hint'>): boolean {
  return error.hint !== undefined && (errorKey(error) === 'errors.fallback' || FACTS_IN_HINT.has(error.code));
}
