import type { Settings } from '../../../common/catalog-schema';
import type { Core } from '../core';
import { settingsPatchInput, type SettingsPatchInput } from '../../../common/inputs';
import { parseInput } from './parse-input';

/**
 * Changes the settings a request names and keeps the others. The catalog store validates the
 * whole catalog again before it writes, so a setting that breaks it never reaches the disk.
 */
export async function updateSettings(core: Core, input: SettingsPatchInput): Promise<Settings> {
  const patch = parseInput(settingsPatchInput, input, 'settings');
  // A field sent as undefined means "unchanged", not "back to the default".
  const named = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<Settings>;
  return core.catalog.update((catalog) => {
    catalog.settings = { ...catalog.settings, ...named };
    return catalog.settings;
  });
}
