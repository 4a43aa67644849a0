import { NAME } from '../../../common/rules';
import { listManagedProfiles, removeManagedProfile } from '../aws-files';
import type { Core } from '../core';

/**
 * Removes the profiles this catalog wrote whose session has ended (by the expiry written with
 * them), so an AWS tool does not go on trying dead credentials; returns their names for the front
 * end to say so. Run by `assume`, `status`, `list` and the window's session list: the next run
 * after a session ends cleans up after it. A profile rewritten meanwhile with a new session stays
 * (the expiry is checked again under the files' lock).
 */
export async function removeEndedProfiles(core: Core, now: number = core.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const { profile, expiration } of await listManagedProfiles({ env: core.env, onlyOwn: true })) {
    if (expiration === null || expiration.getTime() > now || !NAME.test(profile)) continue;
    if ((await removeManagedProfile(profile, { env: core.env, onlyOwn: true, endedBy: now })).removed) removed.push(profile);
  }
  return removed;
}
