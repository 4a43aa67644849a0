import { listManagedProfiles, removeManagedProfile } from '../aws-files';
import type { CatalogStore } from '../catalog/store';
import { NAME } from '../../../common/rules';
import { rememberClearedProfiles } from './restore';

/** What quitting needs: the catalog's settings and the shared AWS files. No keychain (not even its module). */
export interface QuitDeps {
  env: NodeJS.ProcessEnv;
  catalog: Pick<CatalogStore, 'load'>;
}

export interface ClearedProfiles {
  removed: string[];
  /** Profiles that could not be removed (a file locked or unwritable): the rest were still tried. */
  failed: string[];
}

/**
 * When the user asked for it (settings.clearProfilesOnQuit), removes every profile this catalog
 * wrote into the shared AWS files as the app quits, so no live credentials stay on disk; another
 * catalog's profiles (a CLI with its own ROLECALL_CONFIG_DIR) are that catalog's to clear. The
 * keychain's cached sessions stay: the next start writes them again (restore.ts), as can the CLI. A core
 * (`createCore`) fits `QuitDeps`, but the app passes a bare CatalogStore: quitting must not load
 * the keychain module just to read a setting.
 */
export async function clearProfilesIfAsked(deps: QuitDeps): Promise<ClearedProfiles> {
  const result: ClearedProfiles = { removed: [], failed: [] };
  const catalog = deps.catalog.load();
  if (!catalog.settings.clearProfilesOnQuit) return result;
  for (const { profile } of await listManagedProfiles({ env: deps.env, onlyOwn: true })) {
    if (!NAME.test(profile)) continue; // not a name Rolecall writes: edited by hand, left alone
    try {
      if ((await removeManagedProfile(profile, { env: deps.env, onlyOwn: true })).removed) result.removed.push(profile);
    } catch {
      // One profile that cannot be removed must not keep the others' credentials on disk.
      result.failed.push(profile);
    }
  }
  try {
    // The next start writes these again from the keychain (operations/restore.ts).
    await rememberClearedProfiles(deps.env, catalog, result.removed);
  } catch {
    // The profiles are off the disk as asked; the next start just does not write them back.
  }
  return result;
}
