import { keychainService } from '../core/config-dir';
import { REUSE_MARGIN_MS } from '../../common/rules';
import { credentialProcessJson } from '../core/exports/shell-format';
import { ACCOUNT } from '../core/keychain/accounts';
import { keyringStore } from '../core/keychain/keyring-store';

// The path every AWS tool takes, often many times a minute: answer credential_process from the
// cached role session without loading the SDK, zod or the CLI parser. Anything unusual (no
// cache, too little time left, a record we don't recognise) returns false and the full path
// takes over, which validates properly and can refresh.

export async function serveCachedCredentials(role: string, write: (text: string) => void): Promise<boolean> {
  let text: string | null;
  try {
    text = await keyringStore(keychainService()).get(ACCOUNT.roleSession(role));
  } catch {
    return false; // the full path reports keychain trouble with its proper message
  }
  if (!text) return false;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return false;
  }
  // `null`, a number, a string: JSON, but not a record; the full path notes it and treats it as missing.
  if (typeof record !== 'object' || record === null) return false;
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = record;
  if (
    record.kind !== 'role-session' ||
    typeof accessKeyId !== 'string' ||
    typeof secretAccessKey !== 'string' ||
    typeof sessionToken !== 'string' ||
    typeof expiration !== 'string'
  ) {
    return false;
  }
  const left = Date.parse(expiration) - Date.now();
  if (!(left >= REUSE_MARGIN_MS)) return false;
  write(`${credentialProcessJson({ accessKeyId, secretAccessKey, sessionToken, expiration })}\n`);
  return true;
}
