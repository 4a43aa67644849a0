import { CatalogStore } from './catalog/store';
import { keychainService } from './config-dir';
import { keyringStore } from './keychain/keyring-store';
import { Secrets } from './keychain/secrets';
import { SessionEngine } from './sessions/engine';

/** Everything an operation needs, built once per process (CLI run, app start, test). */
export interface Core {
  env: NodeJS.ProcessEnv;
  now: () => number;
  catalog: CatalogStore;
  secrets: Secrets;
  engine: SessionEngine;
}

export interface CoreOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Told of a keychain item that holds nothing Rolecall can read (see Secrets); the CLI prints a note. */
  onUnreadableSecret?: (account: string) => void;
}

export function createCore(options: CoreOptions = {}): Core {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const catalog = new CatalogStore(env);
  const secrets = new Secrets(keyringStore(keychainService(env)), options.onUnreadableSecret);
  return { env, now, catalog, secrets, engine: new SessionEngine({ catalog, secrets, env, now }) };
}
