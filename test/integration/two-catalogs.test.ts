import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listManagedProfiles } from '../../main/core/aws-files';
import { emptyCatalog } from '../../common/catalog-schema';
import { catalogId } from '../../main/core/config-dir';
import { createCore, type Core } from '../../main/core/core';
import { clearProfilesIfAsked } from '../../main/core/operations/quit';
import { addRole } from '../../main/core/operations/roles';
import { assume, status, stop } from '../../main/core/operations/sessions';
import { updateSettings } from '../../main/core/operations/settings';
import { addUser } from '../../main/core/operations/users';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { CI_BOT, roleArn } from '../support/sts-fixture';
import { makeTempHome, type TempHome } from '../support/temp-home';

// Two catalogs (ROLECALL_CONFIG_DIR) writing the same shared AWS files, next to sections the user
// and an older Rolecall wrote: what one catalog clears in bulk is its own, and nothing else moves.

describe('two catalogs on the same AWS files', () => {
  let sts: StsTestServer;
  let homeA: TempHome;
  let homeB: TempHome;
  let a: Core;
  let b: Core;
  /** The user's own section, and one an older Rolecall wrote (the default catalog's). */
  const before =
    '# my own key, keep me\n[personal]\naws_access_key_id = AKIAPERSONAL00000001\naws_secret_access_key = x\n\n' +
    '[older]\naws_access_key_id = ASIAOLDER\naws_session_token = t\nx_rolecall_managed = true\n';
  const files = () => [readFileSync(homeA.credentialsFile, 'utf8'), readFileSync(homeA.configFile, 'utf8')];
  let withB: string[];

  async function setUp(core: Core, profile: string): Promise<void> {
    await addUser(core, { name: 'ci-bot', accessKeyId: CI_BOT.accessKeyId, secretAccessKey: CI_BOT.secretAccessKey, region: 'eu-west-1' });
    await addRole(core, { name: 'no-mfa', roleArn: roleArn('no-mfa'), source: 'ci-bot', profile });
    await assume(core, { name: 'no-mfa' });
  }

  beforeAll(async () => {
    sts = await startStsServer();
    homeA = makeTempHome(sts.url);
    homeB = makeTempHome(sts.url);
    // B's own catalog and keychain namespace, A's AWS files.
    homeB.env.AWS_SHARED_CREDENTIALS_FILE = homeA.credentialsFile;
    homeB.env.AWS_CONFIG_FILE = homeA.configFile;
    mkdirSync(dirname(homeA.credentialsFile), { recursive: true });
    writeFileSync(homeA.credentialsFile, before);
    a = createCore({ env: homeA.env });
    b = createCore({ env: homeB.env });
    await setUp(b, 'b-admin');
    withB = files();
    await setUp(a, 'a-admin');
  });
  afterAll(async () => {
    for (const core of [a, b]) for (const account of await core.secrets.accounts()) await core.secrets.delete(account);
    await sts.close();
    homeA.cleanup();
    homeB.cleanup();
  });

  it('each section names the catalog that wrote it', async () => {
    expect(catalogId(homeA.env)).not.toBeNull(); // test homes are catalogs other than the default one
    const owners = (await listManagedProfiles({ env: homeA.env })).map((p) => [p.profile, p.catalog]);
    expect(owners).toEqual([
      ['older', null],
      ['b-admin', catalogId(homeB.env)],
      ['a-admin', catalogId(homeA.env)],
    ]);
  });

  it('stop --all of one catalog keeps the other’s profile (and the older one) byte for byte', async () => {
    expect(await stop(a, { all: true })).toEqual({ stopped: ['no-mfa'], notices: [] });
    expect(files()).toEqual(withB);
  });

  it('clearing on quit likewise, for each catalog in turn', async () => {
    await assume(a, { name: 'no-mfa' });
    await updateSettings(a, { clearProfilesOnQuit: true });
    expect(await clearProfilesIfAsked(a)).toEqual({ removed: ['a-admin'], failed: [] });
    expect(files()).toEqual(withB);

    await updateSettings(b, { clearProfilesOnQuit: true });
    expect(await clearProfilesIfAsked(b)).toEqual({ removed: ['b-admin'], failed: [] });
    expect(readFileSync(homeA.credentialsFile, 'utf8')).toBe(before);
  });

  it('the default catalog clears what an older Rolecall wrote, and no other catalog’s profile', async () => {
    await assume(b, { name: 'no-mfa' });
    const { ROLECALL_CONFIG_DIR: _, ...defaultEnv } = homeB.env;
    const catalog = emptyCatalog();
    catalog.settings.clearProfilesOnQuit = true;
    // No keychain needed: quitting reads only the catalog's settings (main/electron/index.ts does the same).
    expect(await clearProfilesIfAsked({ env: defaultEnv, catalog: { load: () => catalog } })).toEqual({ removed: ['older'], failed: [] });
    expect(readFileSync(homeA.credentialsFile, 'utf8')).toBe(withB[0]?.replace(/\[older\][^[]*/, ''));
  });

  it('a profile of the same name another catalog took over is no longer this catalog’s', async () => {
    const profileOf = async (core: Core, role: string) => (await status(core)).find((s) => s.name === role)?.profile;
    await assume(a, { name: 'no-mfa' });
    expect(await profileOf(a, 'no-mfa')).toBe('a-admin');
    // A write by name goes ahead across catalogs, and makes the section B's.
    await addRole(b, { name: 'same-name', roleArn: roleArn('no-mfa'), source: 'ci-bot', profile: 'a-admin' });
    await assume(b, { name: 'same-name' });
    expect(await profileOf(a, 'no-mfa')).toBeUndefined();
    expect(await profileOf(b, 'same-name')).toBe('a-admin');
    const taken = files();
    await stop(a, { all: true });
    expect(files()).toEqual(taken);
  });
});
