import { createRequire } from 'node:module';
import { KeychainUnavailableError } from '../errors';

// The one file that knows keytar. keytar is archived upstream; a maintained drop-in such as
// @napi-rs/keyring can replace it here without touching anything else. Loaded lazily through
// require because it is a native module, and kept free of heavy imports because the
// credential_process fast path goes through it.

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  list(): Promise<Array<{ account: string; secret: string }>>;
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

let keytar: Keytar | undefined;

function loadKeytar(): Keytar {
  if (!keytar) {
    try {
      // The CLI's fast path is CommonJS (a real `require`); ESM builds and tests use createRequire.
      const load = typeof require === 'function' ? require : createRequire(import.meta.url);
      keytar = load('keytar') as Keytar;
    } catch (error) {
      throw new KeychainUnavailableError(`the keytar module did not load (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return keytar;
}

/** Keychain errors come from D-Bus or the OS; reword them so they name the keychain. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw error;
    throw new KeychainUnavailableError((error as Error).message || String(error));
  }
}

export function keytarStore(service: string): SecretStore {
  return {
    get: (account) => guarded(() => loadKeytar().getPassword(service, account)),
    set: (account, secret) => guarded(() => loadKeytar().setPassword(service, account, secret)),
    delete: (account) => guarded(() => loadKeytar().deletePassword(service, account)),
    list: () =>
      guarded(async () =>
        (await loadKeytar().findCredentials(service)).map(({ account, password }) => ({ account, secret: password })),
      ),
  };
}
