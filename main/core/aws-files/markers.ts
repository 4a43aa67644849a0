// The keys Rolecall writes into its sections of the shared AWS files, and how they are read back.
// Keys, not comments: `aws configure set` and other rewriting tools keep keys, drop comments.
import type { IniEntry } from './ini-blocks';

/** Marks a section as Rolecall's: every Rolecall, of any catalog, recognises it by this key. */
export const MANAGED_MARKER_KEY = 'x_rolecall_managed';
/**
 * The catalog that wrote a section (config-dir.ts catalogId), written only by a catalog other than
 * the default one: the default catalog's sections, and those older versions wrote, stay as they were.
 */
export const CATALOG_KEY = 'x_rolecall_catalog';
/** Expiry as saml2aws writes it, so tools that already read that key understand ours. */
export const EXPIRES_KEY = 'x_security_token_expires';

/** Whether a section's entries carry Rolecall's marker. */
export function hasManagedMarker(entries: readonly IniEntry[]): boolean {
  return entries.some((e) => e.key === MANAGED_MARKER_KEY && e.value.toLowerCase() === 'true');
}

/** The catalog a section's owner key names; null when there is none (the default catalog's). */
export function sectionCatalog(entries: readonly IniEntry[]): string | null {
  return (
    entries
      .find((e) => e.key === CATALOG_KEY)
      ?.value.trim()
      .toLowerCase() || null
  );
}
