import type { Core } from '../core';
import { RolecallError } from '../errors';
import { quoted } from '../../../common/rules';
import { nameInput } from '../../../common/inputs';
import { ACCOUNT } from '../keychain/accounts';
import { withMfaPromptLock } from '../sessions/renewal-locks';
import { parseInput } from './parse-input';

export interface MfaSessionEnded {
  user: string;
  /** A cached MFA session was there and is gone; false when none was cached. */
  ended: boolean;
  /** Live role sessions started from this user: AWS lets them run until they expire. */
  rolesStillLive: string[];
}

/**
 * Ends a user's MFA session: the cached GetSessionToken credentials leave the keychain, so the
 * next role that needs them asks for a code again (leaving the desk, lending the laptop). AWS
 * cannot revoke them, but nothing on this machine holds them any more. Role sessions already
 * assumed through it are credentials of their own that AWS honours until they expire: they are
 * named, and `stop` ends them.
 *
 * Under the user's MFA prompt lock: a prompt open in another process finishes first, and the
 * session it starts is ended too (the end wins, as `stop` does for a role). `onWait` is told when
 * that wait begins.
 */
export async function endMfaSession(core: Core, input: { name: string }, onWait?: (user: string) => void): Promise<MfaSessionEnded> {
  const { name } = parseInput(nameInput, input, 'user');
  const catalog = core.catalog.load();
  if (!catalog.users.some((u) => u.name === name)) {
    const known = catalog.users.map((u) => u.name);
    throw new RolecallError(`There is no user named ${quoted(name)}.`, known.length ? `Known users: ${known.join(', ')}.` : undefined, 'UnknownUser');
  }
  const ended = await withMfaPromptLock(core.env, name, () => core.secrets.delete(ACCOUNT.mfaSession(name)), onWait && (() => onWait(name)));
  const now = core.now();
  const { roles } = await core.secrets.allSessions();
  const rolesStillLive = roles
    .filter((r) => r.chain[0] === name && Date.parse(r.expiration) > now)
    .map((r) => r.role)
    .sort();
  return { user: name, ended, rolesStillLive };
}
