import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomic, writeManagedProfile } from '../aws-files';
import type { Catalog } from '../../../common/catalog-schema';
import { profileOf } from '../catalog/rules';
import { configDir } from '../config-dir';
import { reasonOf } from '../errors';
import { msLeft } from '../sessions/records';
import type { Core } from '../core';
import { toProfileCredentials } from './sessions';

// "Clear managed profiles on quit" takes live credentials off the disk while the app is not
// running; the keychain keeps the sessions. So that a restart loses nothing, quitting notes which
// roles' profiles it removed, and the next start writes those profiles again from the cached
// sessions that are still live. Role names only: the note holds no secret.

const NOTE_FILE = 'restore-on-start.json';
const noteSchema = z.strictObject({ version: z.literal(1), roles: z.array(z.string()) });

function notePath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), NOTE_FILE);
}

/** Called by quitting after it removed `profiles`: remembers the catalog roles they belonged to. */
export async function rememberClearedProfiles(env: NodeJS.ProcessEnv, catalog: Catalog, profiles: readonly string[]): Promise<void> {
  const roles = catalog.roles.filter((role) => profiles.includes(profileOf(role))).map((role) => role.name);
  if (roles.length === 0) return;
  await writeFileAtomic(notePath(env), `${JSON.stringify({ version: 1, roles }, null, 2)}\n`);
}

export interface RestoredProfiles {
  restored: string[];
  /** Roles whose profile could not be written again, with core's reason. */
  failed: Array<{ role: string; reason: string }>;
}

/**
 * Writes again the profiles quitting cleared, for roles whose cached session is still live, then
 * forgets the note (a note that cannot be read is forgotten too: it only ever saves a click).
 * `mayGoOn` is asked before each write: the app quitting now must not have profiles written
 * behind its clearing. The note is removed only as it was read: one quitting wrote since stays.
 */
export async function restoreClearedProfiles(core: Core, mayGoOn: () => boolean = () => true): Promise<RestoredProfiles> {
  const result: RestoredProfiles = { restored: [], failed: [] };
  const path = notePath(core.env);
  const text = await readTextIfExists(path).catch(() => '');
  if (text === '') return result;
  const forget = async () => {
    if (mayGoOn() && (await readTextIfExists(path).catch(() => '')) === text) await rm(path, { force: true });
  };
  const parsed = noteSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    await forget();
    return result;
  }
  const catalog = core.catalog.load();
  for (const name of parsed.data.roles) {
    const role = catalog.roles.find((r) => r.name === name);
    const session = role && (await core.secrets.getRoleSession(name));
    if (!role || !session || session.roleArn !== role.roleArn || msLeft(session, core.now()) <= 0) continue;
    if (!mayGoOn()) return result;
    try {
      await writeManagedProfile(profileOf(role), toProfileCredentials(session), { region: session.region, env: core.env });
      result.restored.push(name);
    } catch (error) {
      result.failed.push({ role: name, reason: reasonOf(error, 'the shared AWS files could not be written') });
    }
  }
  await forget();
  return result;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
