import { listManagedProfiles, removeManagedProfile } from '../aws-files';
import type { Core } from '../core';
import { NAME } from '../domain/rules';

/**
 * When the user asked for it (settings.clearProfilesOnQuit), removes every profile Rolecall
 * manages from the shared AWS files as the app quits, so no live credentials stay on disk. The
 * keychain's cached sessions stay: the next start (or the CLI) can write them again.
 */
export async function clearProfilesIfAsked(core: Core): Promise<{ removed: string[] }> {
  if (!core.catalog.load().settings.clearProfilesOnQuit) return { removed: [] };
  const removed: string[] = [];
  for (const { profile } of await listManagedProfiles({ env: core.env })) {
    if (!NAME.test(profile)) continue; // not a name Rolecall writes: edited by hand, left alone
    if ((await removeManagedProfile(profile, { env: core.env })).removed) removed.push(profile);
  }
  return { removed };
}
