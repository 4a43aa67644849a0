// Core's error codes the page words in its own language; any other code gets a generic sentence
// (AWS's or core's own message is always shown beneath it, verbatim).
import { WORDED_ERROR_CODES, type WordedErrorCode } from '../../../common/error-codes';
import type { IpcError } from '../../../common/contract';

// A code from a newer or older main than this page may not be in the union: it is checked at run time.
const WORDED = new Set<string>(WORDED_ERROR_CODES);

export type ErrorKey = `errors.${WordedErrorCode}` | 'errors.fallback';

export function errorKey(error: Pick<IpcError, 'code'>): ErrorKey {
  return WORDED.has(error.code) ? (`errors.${error.code as WordedErrorCode}` as const) : 'errors.fallback';
}
