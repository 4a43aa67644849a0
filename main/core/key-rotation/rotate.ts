// `rolecall user rotate <user>`: a new access key, verified, switched to, the old one deleted; and
// a rotation stopped at any step finished or undone by the next run. docs/architecture.md, "Key
// rotation", tells the order and why each step is safe to be killed in.
//
// The invariants: the keychain's user key is always one IAM still has (the old key is deleted only
// after the switch, and the switch only after STS accepted the new key); the new key's secret is in
// the keychain (the journal) the moment IAM answers; and a key the rotation made whose secret was
// never kept is deleted by the next run, which names it.
import type { Core } from '../core';
import type { User } from '../../../common/catalog-schema';
import { quoted } from '../../../common/rules';
import { rotateKeyInput, type RotateKeyInput } from '../../../common/inputs';
import { longTermKey } from '../keychain/long-term-key';
import { RolecallError } from '../errors';
import type { AccessKeyInfo, KeyLastUsed } from '../iam/client';
import type { Notice } from '../sessions/notices';
import type { Interaction } from '../operations/sessions';
import { parseInput } from '../operations/parse-input';
import { Sts, type CallerCredentials } from '../sts/client';
import { awsErrorCode, explainStsError } from '../sts/errors';
import { stsRegion } from '../sts/region';
import { fsStep, pause } from '../test-hooks';
import { clearJournal, readJournal, writeJournal, type RotationJournal } from './journal';
import { withKeyRotationLock } from './rotation-lock';
import { KeyAdmin, unlessGone } from './key-admin';

export interface RotationInteraction extends Interaction {
  /** A line for the person while the rotation waits (IAM accepting the new key). */
  onProgress?: (line: string) => void;
  /** Waits between tries of the new key; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RecoveredRotation {
  /** finished: the interrupted rotation's new key is now the user's; undone: the old key stays. */
  outcome: 'finished' | 'undone';
  startedAt: string;
  oldAccessKeyId: string;
  /** The new key it had stored, when it got that far. */
  newAccessKeyId?: string;
  /** Keys the recovery deleted: the rotation's own key when undone, the old key when finished. */
  deletedKeys: string[];
}

export interface KeyRotation {
  user: string;
  /** The key was replaced by this run (a fresh rotation, or an interrupted one finished). */
  rotated: boolean;
  oldAccessKeyId?: string;
  newAccessKeyId?: string;
  keyCreatedAt?: string;
  /** The ARN STS answered for the new key. */
  identity?: string;
  /** IAM took a while to accept the new key (the progress line was shown). */
  waitedForIam: boolean;
  /** IAM refused the long-term key and was asked with the user's MFA session. */
  viaMfaSession: boolean;
  recovered?: RecoveredRotation;
  notices: Notice[];
}

/**
 * Pauses between tries of a new key: 15 s in all. IAM answers InvalidClientTokenId for a key it
 * made a moment ago until the key has spread (usually a few seconds).
 */
export const NEW_KEY_PAUSES_MS = [500, 1000, 1500, 2000, 2500, 2500, 2500, 2500] as const;
const NEW_KEY_WAIT_S = NEW_KEY_PAUSES_MS.reduce((a, b) => a + b, 0) / 1000;
export const ACCEPTING_NEW_KEY = 'IAM is accepting the new key…';

const LIST = (user: string) => ({ doing: `listing the access keys of ${user}`, action: 'iam:ListAccessKeys' });
const CREATE = (user: string) => ({ doing: `creating a new access key for ${user}`, action: 'iam:CreateAccessKey' });
const DEACTIVATE = (user: string, id: string) => ({ doing: `deactivating ${user}'s old key ${id}`, action: 'iam:UpdateAccessKey' });
const DELETE = (user: string, id: string) => ({ doing: `deleting ${user}'s key ${id}`, action: 'iam:DeleteAccessKey' });

/** One run's means: the core, the user, who signs IAM calls, and how to tell and wait. */
interface Run {
  core: Core;
  user: User;
  region: string;
  admin: KeyAdmin;
  progress: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  waited: boolean;
}

/** STS did not accept the new key within NEW_KEY_WAIT_S. */
class KeyNotAcceptedError extends Error {}

export async function rotateKey(core: Core, input: RotateKeyInput, interaction: RotationInteraction = {}): Promise<KeyRotation> {
  const parsed = parseInput(rotateKeyInput, input, 'rotation request');
  userNamed(core, parsed.name); // an unknown user is said before any lock is taken
  return withKeyRotationLock(core.env, parsed.name, () => rotateLocked(core, parsed, interaction));
}

async function rotateLocked(core: Core, { name, mfaCode }: RotateKeyInput, interaction: RotationInteraction): Promise<KeyRotation> {
  const user = userNamed(core, name);
  const region = stsRegion(core.env, user.region);
  const notices: Notice[] = [];
  const admin = new KeyAdmin(user, region, core.env, async () => {
    const { session, notices: told } = await core.engine.userMfaSession(userNamed(core, name), { mfaCode, ...interaction });
    notices.push(...told);
    return session;
  });
  const run: Run = { core, user, region, admin, progress: interaction.onProgress ?? (() => {}), sleep: interaction.sleep ?? pause, waited: false };
  const result = (fields: Partial<KeyRotation>): KeyRotation => ({
    user: name,
    rotated: false,
    waitedForIam: run.waited,
    viaMfaSession: admin.viaMfaSession,
    notices,
    ...fields,
  });

  const journal = await readJournal(core.secrets, name);
  let recovered: RecoveredRotation | undefined;
  if (journal) {
    recovered = await settle(run, journal, { finish: true }).catch((error: unknown) => {
      throw stillHalfWay(error, name);
    });
    if (recovered.outcome === 'finished') {
      const now = userNamed(core, name);
      return result({ rotated: true, recovered, oldAccessKeyId: journal.oldAccessKeyId, newAccessKeyId: now.accessKeyId, keyCreatedAt: now.keyCreatedAt });
    }
  }
  return result({ ...(await rotate(run)), rotated: true, recovered });
}

/** A fresh rotation, every step named; a failure after the journal is written is settled at once. */
async function rotate(run: Run): Promise<Pick<KeyRotation, 'oldAccessKeyId' | 'newAccessKeyId' | 'keyCreatedAt' | 'identity'>> {
  const { core, admin } = run;
  const user = (run.user = userNamed(core, run.user.name));
  const oldKey = await longTermKey(core.secrets, user);

  // ListAccessKeys: IAM allows two keys a user; with two already there is no room for a new one.
  const keys = await admin.call(oldKey, LIST(user.name), (iam) => iam.listOwnAccessKeys());
  if (keys.length >= 2) throw await twoKeys(run, oldKey, keys);

  // The journal, before IAM makes anything: a kill from here on is found by the next run.
  const started: RotationJournal = {
    kind: 'key-rotation',
    user: user.name,
    oldAccessKeyId: user.accessKeyId,
    keysBefore: keys.map((k) => k.accessKeyId),
    startedAt: new Date(core.now()).toISOString(),
  };
  await writeJournal(core.secrets, started);
  fsStep();
  try {
    // CreateAccessKey: IAM hands out the secret once, in this answer.
    const created = await admin.call(oldKey, CREATE(user.name), (iam) => iam.createOwnAccessKey());
    fsStep(); // killed here: IAM holds a key whose secret nobody kept; the next run deletes it and names it
    const pending = { ...started, pending: created };
    await writeJournal(core.secrets, pending);
    fsStep();
    const identity = await complete(run, pending);
    const now = userNamed(core, user.name);
    return { oldAccessKeyId: user.accessKeyId, newAccessKeyId: created.accessKeyId, keyCreatedAt: now.keyCreatedAt, identity };
  } catch (error) {
    throw await settledAfter(run, error);
  }
}

/**
 * From the new key stored to the end: STS must accept it, then the keychain and the catalog switch
 * to it, and only then is the old key deactivated and deleted. Answers the new key's ARN.
 */
async function complete(run: Run, journal: RotationJournal & { pending: NonNullable<RotationJournal['pending']> }): Promise<string> {
  const { core, user } = run;
  const newKey = { accessKeyId: journal.pending.accessKeyId, secretAccessKey: journal.pending.secretAccessKey };
  const identity = await verifyNewKey(run, newKey);
  fsStep();
  await switchTo(run, journal);
  await retire(run, newKey, journal.oldAccessKeyId);
  await clearJournal(core.secrets, user.name);
  fsStep();
  return identity;
}

/** GetCallerIdentity with the new key until STS accepts it, NEW_KEY_WAIT_S at most, said on a progress line. */
async function verifyNewKey(run: Run, key: CallerCredentials): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const sts = new Sts(key, run.region, run.core.env);
    try {
      return (await sts.whoAmI()).arn;
    } catch (error) {
      const code = awsErrorCode(error);
      if (code !== 'InvalidClientTokenId' && code !== 'SignatureDoesNotMatch') {
        throw explainStsError(error, { doing: `checking the new key of ${run.user.name}`, user: run.user.name, accessKeyId: key.accessKeyId, userDetails: run.user });
      }
    } finally {
      sts.destroy();
    }
    const wait = NEW_KEY_PAUSES_MS[attempt];
    if (wait === undefined) throw new KeyNotAcceptedError();
    if (attempt === 0) run.progress(ACCEPTING_NEW_KEY);
    run.waited = true;
    await run.sleep(wait);
  }
}

/** The keychain first (its user key is the new secret), then the catalog (the new key id and its age). */
async function switchTo(run: Run, journal: RotationJournal & { pending: NonNullable<RotationJournal['pending']> }): Promise<void> {
  const { core, user } = run;
  const { accessKeyId, secretAccessKey, createdAt } = journal.pending;
  if ((await core.secrets.getUserKey(user.name)) !== secretAccessKey) {
    await core.secrets.setUserKey(user.name, secretAccessKey);
    fsStep();
  }
  await core.catalog.update((catalog) => {
    const index = catalog.users.findIndex((u) => u.name === user.name);
    const current = catalog.users[index];
    if (!current) throw unknownUser(user.name);
    const { keyCreatedAt: _old, ...rest } = current;
    void _old;
    catalog.users[index] = { ...rest, accessKeyId, ...(createdAt ? { keyCreatedAt: createdAt } : {}) };
  });
  fsStep();
}

/** The old key deactivated, then deleted, signed with the new key (a key gone already counts as done). */
async function retire(run: Run, newKey: CallerCredentials, oldAccessKeyId: string): Promise<void> {
  const { admin, user } = run;
  if (oldAccessKeyId === newKey.accessKeyId) return;
  await admin.call(newKey, DEACTIVATE(user.name, oldAccessKeyId), (iam) => unlessGone(() => iam.setOwnAccessKeyStatus(oldAccessKeyId, 'Inactive')));
  fsStep();
  await admin.call(newKey, DELETE(user.name, oldAccessKeyId), (iam) => unlessGone(() => iam.deleteOwnAccessKey(oldAccessKeyId)));
  fsStep();
}

/**
 * An interrupted rotation, finished or undone:
 * - the keychain holds the new key already (killed during the switch or after it): finish the
 *   catalog and retire the old key;
 * - the new key is stored but not switched to: finish when `finish` and STS accepts it, else undo;
 * - IAM may have made a key whose secret was never kept: undo, deleting every key IAM lists that
 *   was not there before the rotation and is not the keychain's, each named.
 */
async function settle(run: Run, journal: RotationJournal, options: { finish: boolean }): Promise<RecoveredRotation> {
  const { core } = run;
  const user = (run.user = userNamed(core, run.user.name));
  const secret = await core.secrets.getUserKey(user.name);
  const base = { startedAt: journal.startedAt, oldAccessKeyId: journal.oldAccessKeyId };
  const pending = journal.pending;
  if (pending) {
    const withPending = { ...journal, pending };
    const newKey = { accessKeyId: pending.accessKeyId, secretAccessKey: pending.secretAccessKey };
    if (secret === pending.secretAccessKey) {
      await switchTo(run, withPending);
      await retire(run, newKey, journal.oldAccessKeyId);
      await clearJournal(core.secrets, user.name);
      return { ...base, outcome: 'finished', newAccessKeyId: pending.accessKeyId, deletedKeys: [journal.oldAccessKeyId] };
    }
    if (options.finish && secret !== null) {
      try {
        await complete(run, withPending);
        return { ...base, outcome: 'finished', newAccessKeyId: pending.accessKeyId, deletedKeys: [journal.oldAccessKeyId] };
      } catch (error) {
        if (!(error instanceof KeyNotAcceptedError)) throw error;
      }
    }
  }
  // Undo, signed with the key the keychain holds (the old one: it was never switched away from).
  const oldKey = await longTermKey(core.secrets, user);
  const keys = await run.admin.call(oldKey, LIST(user.name), (iam) => iam.listOwnAccessKeys());
  const strays = keys.filter((k) => !journal.keysBefore.includes(k.accessKeyId) && k.accessKeyId !== user.accessKeyId).map((k) => k.accessKeyId);
  const deleted: string[] = [];
  for (const id of strays) {
    if (await run.admin.call(oldKey, DELETE(user.name, id), (iam) => unlessGone(() => iam.deleteOwnAccessKey(id)))) deleted.push(id);
    fsStep();
  }
  await clearJournal(core.secrets, user.name);
  return { ...base, outcome: 'undone', ...(pending ? { newAccessKeyId: pending.accessKeyId } : {}), deletedKeys: deleted };
}

/** The error a failed step ends the run with, once the rotation was settled (or could not be). */
async function settledAfter(run: Run, error: unknown): Promise<unknown> {
  const journal = await readJournal(run.core.secrets, run.user.name).catch(() => undefined);
  if (!journal) return error;
  const name = run.user.name;
  let settled: RecoveredRotation;
  try {
    settled = await settle(run, journal, { finish: false });
  } catch {
    return stillHalfWay(error, name);
  }
  if (error instanceof KeyNotAcceptedError) {
    return new RolecallError(
      `AWS STS did not accept ${name}'s new key ${settled.newAccessKeyId ?? ''} within ${NEW_KEY_WAIT_S} s, so it was deleted again; the old key ${settled.oldAccessKeyId} stays in use.`.replace(
        '  ',
        ' ',
      ),
      `Try again in a minute: rolecall user rotate ${name}.`,
      'RotationFailed',
    );
  }
  if (settled.deletedKeys.length && error instanceof RolecallError) {
    return new RolecallError(
      error.message,
      `${error.hint ? `${error.hint} ` : ''}The key the rotation had made, ${settled.deletedKeys.join(', ')}, was deleted; the old key stays in use.`,
      error.code,
    );
  }
  return error;
}

/** Codes a front end acts on (asks for a code, for the keychain to be unlocked): kept when the rotation stops half-way. */
const ACTIONABLE: ReadonlySet<string> = new Set(['MfaCodeRequired', 'MfaCodeRejected', 'KeychainLocked', 'KeychainUnavailable']);

/**
 * A failure that leaves the journal in place: the person is told the next run settles it. The code
 * says so (RotationHalfWay: the window words it so, with these facts beneath), unless it is one a
 * front end acts on: then the same request, once the code is typed or the keychain unlocked, settles it.
 */
function stillHalfWay(error: unknown, user: string): RolecallError {
  const said = error instanceof RolecallError ? error : new RolecallError(String((error as Error)?.message ?? error));
  return new RolecallError(
    said.message,
    `${said.hint ? `${said.hint} ` : ''}The rotation stopped half-way; the keychain still holds a key that works. Run rolecall user rotate ${user} again to finish or undo it.`,
    ACTIONABLE.has(said.code) ? said.code : 'RotationHalfWay',
  );
}

/** The two-key refusal: both keys named (status, created, last used) and which one to delete. */
async function twoKeys(run: Run, signer: CallerCredentials, keys: AccessKeyInfo[]): Promise<RolecallError> {
  const { user, admin } = run;
  const lastUsed = new Map<string, KeyLastUsed>();
  for (const key of keys) {
    // Best effort: without iam:GetAccessKeyLastUsed the keys are named without it.
    const used = await admin
      .call(signer, { doing: `reading when ${key.accessKeyId} was last used`, action: 'iam:GetAccessKeyLastUsed' }, (iam) => iam.accessKeyLastUsed(key.accessKeyId))
      .catch(() => undefined);
    if (used) lastUsed.set(key.accessKeyId, used);
  }
  const describe = (key: AccessKeyInfo) => {
    const used = lastUsed.get(key.accessKeyId);
    const usedText = used === undefined ? '' : used.at ? `, last used ${used.at.slice(0, 10)}${used.service ? ` (${used.service})` : ''}` : ', never used';
    const ours = key.accessKeyId === user.accessKeyId ? '; the key Rolecall holds' : '';
    return `${key.accessKeyId} (${key.status}, created ${key.createdAt?.slice(0, 10) ?? 'on an unknown date'}${usedText}${ours})`;
  };
  const others = keys.filter((k) => k.accessKeyId !== user.accessKeyId);
  const toDelete = others.length === 1 ? others[0]!.accessKeyId : undefined;
  return new RolecallError(
    `${user.name} already has two access keys, IAM's limit, so no new one can be made: ${keys.map(describe).join(' and ')}.`,
    toDelete
      ? `Delete the one Rolecall does not hold, then run rolecall user rotate ${user.name} again: aws iam delete-access-key --user-name ${user.name} --access-key-id ${toDelete}`
      : `Neither is the key Rolecall holds (${user.accessKeyId}): delete the one you no longer use, then run rolecall user rotate ${user.name} again.`,
    'KeyLimitReached',
  );
}

function userNamed(core: Core, name: string): User {
  const user = core.catalog.load().users.find((u) => u.name === name);
  if (!user) throw unknownUser(name);
  return user;
}

function unknownUser(name: string): RolecallError {
  return new RolecallError(`There is no user named ${quoted(name)}.`, 'rolecall list shows the users; rolecall user add adds one.', 'UnknownUser');
}
