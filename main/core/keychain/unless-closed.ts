import { isKeychainClosed, KeychainLockedError } from '../errors';
import type { KeychainState } from './secret-store';

/** A keychain read's value, or which way the keychain was closed. */
export type UnlessClosed<T> = { keychain: 'ready'; value: T } | { keychain: Exclude<KeychainState, 'ready'> };

/**
 * For the reads a front end can do without (`list`, `status`, the window's lists): a locked or
 * unreachable keychain answers its state instead of failing, so the catalog and the files can
 * still be shown. Anything else still throws.
 */
export async function readUnlessClosed<T>(read: () => Promise<T>): Promise<UnlessClosed<T>> {
  try {
    return { keychain: 'ready', value: await read() };
  } catch (error) {
    if (!isKeychainClosed(error)) throw error;
    return { keychain: error instanceof KeychainLockedError ? 'locked' : 'unreachable' };
  }
}
