import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { homeDir } from './aws-files/paths';

/**
 * Where the catalog lives: the same folder Electron's `userData` resolves to for an app named
 * Rolecall, so the CLI and the app share one catalog. `ROLECALL_CONFIG_DIR` overrides it.
 */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ROLECALL_CONFIG_DIR) return resolve(env.ROLECALL_CONFIG_DIR);
  const home = homeDir(env);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Rolecall');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Rolecall');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Rolecall');
}

/**
 * The catalog folder when it is not the default one, else null: ROLECALL_CONFIG_DIR unset, empty,
 * or naming the default folder (spelled the same once resolved) is the default catalog. The one
 * rule behind both namespaces below, so the same folder never gets the default catalog with
 * another catalog's secrets.
 */
function movedCatalogDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const dir = configDir(env, platform);
  return dir === configDir({ ...env, ROLECALL_CONFIG_DIR: undefined }, platform) ? null : dir;
}

/**
 * The keychain service name. The default catalog uses `rolecall`; a catalog elsewhere
 * (ROLECALL_CONFIG_DIR) gets its own namespace so two catalogs never read each other's secrets.
 */
export function keychainService(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const moved = movedCatalogDir(env, platform);
  return moved === null ? 'rolecall' : `rolecall@${moved}`;
}

/**
 * The catalog's owner id in the shared AWS files (`x_rolecall_catalog`), so a bulk removal by one
 * catalog leaves another catalog's profiles alone. Null for the default catalog: it writes no
 * owner key, so its files stay as older Rolecalls wrote them. Otherwise the first 16 hex digits of
 * sha256 of the resolved folder: fixed length and safe on a `key = value` line whatever the path
 * holds, without putting the path in the file. The same folder spelled another way is another
 * catalog (as for the keychain).
 */
export function catalogId(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const moved = movedCatalogDir(env, platform);
  return moved === null ? null : createHash('sha256').update(moved).digest('hex').slice(0, 16);
}
