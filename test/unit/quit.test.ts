// core's clearProfilesIfAsked with the file operations mocked: one profile that cannot be
// removed does not keep the others on disk, and quitting reads only the catalog (no keychain).
import { describe, expect, it, vi } from 'vitest';
import type * as AwsFiles from '../../main/core/aws-files';
import { listManagedProfiles, removeManagedProfile } from '../../main/core/aws-files';
import { emptyCatalog } from '../../common/catalog-schema';
import { clearProfilesIfAsked, type QuitDeps } from '../../main/core/operations/quit';

vi.mock('../../main/core/aws-files', async (importOriginal) => ({
  ...(await importOriginal<typeof AwsFiles>()),
  listManagedProfiles: vi.fn(),
  removeManagedProfile: vi.fn(),
}));

/** The whole of what quitting gets: a catalog that can be loaded, and the environment. */
function deps(clearProfilesOnQuit: boolean): QuitDeps {
  const catalog = emptyCatalog();
  catalog.settings.clearProfilesOnQuit = clearProfilesOnQuit;
  return { env: {}, catalog: { load: () => catalog } };
}

describe('clearProfilesIfAsked', () => {
  it('goes on past a profile that cannot be removed, and says which', async () => {
    vi.mocked(listManagedProfiles).mockResolvedValue(['admin', 'deploy', 'ops', 'hand]edited'].map((profile) => ({ profile, expiration: null, catalog: null })));
    vi.mocked(removeManagedProfile).mockImplementation(async (profile) => {
      if (profile === 'deploy') throw new Error('EACCES');
      return { removed: true, unmanaged: false };
    });
    expect(await clearProfilesIfAsked(deps(true))).toEqual({ removed: ['admin', 'ops'], failed: ['deploy'] });
    // A name Rolecall never writes is left alone, not tried.
    expect(vi.mocked(removeManagedProfile).mock.calls.map(([profile]) => profile)).toEqual(['admin', 'deploy', 'ops']);
    // Only this catalog's sections, listed and (again, under the lock) removed: not another catalog's.
    expect(vi.mocked(listManagedProfiles).mock.calls).toEqual([[{ env: {}, onlyOwn: true }]]);
    for (const [, options] of vi.mocked(removeManagedProfile).mock.calls) expect(options).toEqual({ env: {}, onlyOwn: true });
  });

  it('touches nothing when the setting is off', async () => {
    vi.mocked(listManagedProfiles).mockClear();
    expect(await clearProfilesIfAsked(deps(false))).toEqual({ removed: [], failed: [] });
    expect(listManagedProfiles).not.toHaveBeenCalled();
  });
});
