import { createRequire } from 'node:module';
import { KeychainLockedError, KeychainUnavailableError } from '../errors';
import type { SecretStore } from './secret-store';

// The one file that knows the keychain library: @napi-rs/keyring (keyring-rs: Secret Service over
// D-Bus on Linux, Keychain on macOS, Credential Manager on Windows). Why not keytar, which the
// first versions used: keytar is archived upstream, crashes the whole process (SIGSEGV) when a
// Secret Service collection is locked (node-keytar #477, never to be fixed), and answers null for
// a locked item, so "locked" read as "missing". keyring-rs rejects a dismissed unlock with an
// error and answers null only for a missing item; its binaries ship inside npm packages, so
// nothing is compiled at install time. Loaded lazily through require: it is a native module, and
// the credential_process fast path goes through this file, so it stays free of heavy imports.

interface Credential {
  account: string;
  password: string;
}
interface AsyncEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}
interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: EntryOptions) => AsyncEntry;
  findCredentialsAsync(service: string): Promise<Credential[]>;
}
interface EntryOptions {
  linux?: { store?: 'secret-service' | 'keyutils' };
}

// On Linux keyring-rs falls back to the kernel keyring when no Secret Service answers: secrets
// would then live in memory only and vanish at logout, while Rolecall said they were stored.
// Pinned, an unreachable Secret Service is said as such.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

let keyring: KeyringModule | undefined;

function loadKeyring(): KeyringModule {
  if (!keyring) {
    try {
      // The CLI's fast path is CommonJS (a real `require`); ESM builds and tests use createRequire.
      const load = typeof require === 'function' ? require : createRequire(import.meta.url);
      keyring = load('@napi-rs/keyring') as KeyringModule;
    } catch (error) {
      throw new KeychainUnavailableError(`the keychain module did not load (${firstLine(error)})`);
    }
  }
  return keyring;
}

function firstLine(error: unknown): string {
  return ((error as Error)?.message || String(error)).split('\n')[0]!.trim();
}

// How each platform words a keychain that is there but closed: Secret Service "unlock prompt was
// dismissed" (a get/set/delete that asked to unlock) and "IsLocked" (a search, which never asks),
// macOS errSecInteractionNotAllowed / a cancelled prompt, Windows' cancelled credential prompt.
const LOCKED = /\blocked\b|IsLocked|dismissed|interaction is not allowed|user (canceled|cancelled)|authorization was canceled/i;

/** A library error in Rolecall's words: locked, or unreachable with the library's first line. */
export function keychainError(error: unknown): Error {
  if (error instanceof KeychainLockedError || error instanceof KeychainUnavailableError) return error;
  const detail = firstLine(error);
  return LOCKED.test(detail) ? new KeychainLockedError() : new KeychainUnavailableError(detail);
}

/**
 * Runs a keychain call; a library error comes out in Rolecall's words. A call that finds the
 * keychain unreachable is tried once more: the Secret Service may have gone away in the middle of
 * it (its daemon crashed or was restarted) and D-Bus starts it again on the next call, so a second
 * try tells a passing loss from a keychain that is not there. Every call is safe to repeat (get,
 * set the same secret, delete, list); a locked keychain is said at once.
 */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const said = keychainError(error);
    if (!(said instanceof KeychainUnavailableError)) throw said;
    try {
      return await work();
    } catch (again) {
      throw keychainError(again);
    }
  }
}

export function keyringStore(service: string): SecretStore {
  const entry = (account: string) => new (loadKeyring().AsyncEntry)(service, account, ENTRY_OPTIONS);
  return {
    get: (account) => guarded(() => entry(account).getPassword()),
    set: (account, secret) => guarded(() => entry(account).setPassword(secret)),
    delete: (account) => guarded(() => entry(account).deletePassword()),
    list: () => guarded(async () => (await loadKeyring().findCredentialsAsync(service)).map(({ account, password }) => ({ account, secret: password }))),
  };
}
