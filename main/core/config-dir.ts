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
 * The keychain service name. The default catalog uses `rolecall`; a catalog elsewhere
 * (ROLECALL_CONFIG_DIR) gets its own namespace so two catalogs never read each other's secrets.
 */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.ROLECALL_CONFIG_DIR ? `rolecall@${resolve(env.ROLECALL_CONFIG_DIR)}` : 'rolecall';
}

/**
 * The catalog's owner id in the shared AWS files (`x_rolecall_catalog`), so a bulk removal by one
 * catalog leaves another catalog's profiles alone. Null for the default catalog (no
 * ROLECALL_CONFIG_DIR, or one naming the default folder): it writes no owner key, so its files stay
 * as older Rolecalls wrote them. Otherwise the first 16 hex digits of sha256 of the resolved
 * folder: fixed length and safe on a `key = value` line whatever the path holds, without putting
 * the path in the file. The same folder spelled another way is another catalog (as for the keychain).
 */
export function catalogId(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const dir = configDir(env, platform);
  if (dir === configDir({ ...env, ROLECALL_CONFIG_DIR: undefined }, platform)) return null;
  return createHash('sha256').update(dir).digest('hex').slice(0, 16);
}
