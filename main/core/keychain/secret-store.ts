// The one interface every part of Rolecall reaches the OS keychain through. Its implementation is
// keyring-store.ts; the app's glue tests swap in an in-memory one.
//
// Contract (the four keychain states, each its own sentence for the person):
// - ready: calls answer; `get` answers null only for an item that is truly missing;
// - locked: calls reject with KeychainLockedError (an unlock was refused or dismissed);
// - unreachable: calls reject with KeychainUnavailableError (no Secret Service, no D-Bus…);
// - item missing: `get` answers null, `delete` answers false.
// A locked keychain is never reported as a missing item: that is what made keytar tell people to
// "store it again" (see docs/architecture.md, "The keychain").

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an item was removed, false when there was none. */
  delete(account: string): Promise<boolean>;
  /** Every item of this service. Never prompts for an unlock: a locked keychain rejects at once. */
  list(): Promise<Array<{ account: string; secret: string }>>;
}

export type { KeychainState } from '../../../common/rules';
