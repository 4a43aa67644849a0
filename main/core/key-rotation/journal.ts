// The journal of a key rotation (`rolecall user rotate`), kept in the keychain beside the user's
// key, never in a file: once IAM has made the new key it holds that key's secret, the only copy
// there is until the switch. Written before CreateAccessKey is called, so a rotation stopped at any
// step (kill -9, a network error, Ctrl-C) leaves a record the next run finishes or undoes from
// (key-rotation/recover.ts). Cleared when the rotation is done or undone.
import { z } from 'zod';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from '../../../common/rules';
import { ACCOUNT } from '../keychain/accounts';
import type { Secrets } from '../keychain/secrets';

const keyId = z.string().regex(ACCESS_KEY_ID);

export const rotationJournalSchema = z.object({
  kind: z.literal('key-rotation'),
  user: z.string(),
  /** The key the catalog named when the rotation started: the one to retire. */
  oldAccessKeyId: keyId,
  /** Every key IAM listed for the user before CreateAccessKey: any other key is the rotation's own. */
  keysBefore: z.array(z.string()),
  startedAt: z.iso.datetime(),
  /** The new key, stored the moment IAM answered CreateAccessKey. */
  pending: z
    .object({
      accessKeyId: keyId,
      secretAccessKey: z.string().regex(SECRET_ACCESS_KEY),
      createdAt: z.iso.datetime().optional(),
    })
    .optional(),
});

export type RotationJournal = z.infer<typeof rotationJournalSchema>;

export async function readJournal(secrets: Secrets, user: string): Promise<RotationJournal | undefined> {
  const text = await secrets.store.get(ACCOUNT.keyRotation(user));
  if (text === null) return undefined;
  try {
    const parsed = rotationJournalSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.user === user ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Written and read back: a journal the keychain dropped would make the rotation unsafe to start. */
export async function writeJournal(secrets: Secrets, journal: RotationJournal): Promise<void> {
  const account = ACCOUNT.keyRotation(journal.user);
  const text = JSON.stringify(journal);
  await secrets.store.set(account, text);
  if ((await secrets.store.get(account)) !== text) throw new Error('the keychain did not keep the rotation journal');
}

export async function clearJournal(secrets: Secrets, user: string): Promise<void> {
  await secrets.delete(ACCOUNT.keyRotation(user));
}
