import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { clearProfilesIfAsked } from '../../main/core/operations/quit';
import { addRole } from '../../main/core/operations/roles';
import { assume } from '../../main/core/operations/sessions';
import { updateSettings } from '../../main/core/operations/settings';
import { addUser } from '../../main/core/operations/users';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { CI_BOT, roleArn } from '../support/sts-fixture';
import { makeTempHome, type TempHome } from '../support/temp-home';

// The "clear managed profiles on quit" setting: what the app does as it quits.

describe('clearing managed profiles on quit', () => {
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  const hand = '# my own key, keep me\n[personal]\naws_access_key_id = AKIAPERSONAL00000001\naws_secret_access_key = x\n';

  beforeAll(async () => {
    sts = await startStsServer();
    home = makeTempHome(sts.url);
    mkdirSync(dirname(home.credentialsFile), { recursive: true });
    writeFileSync(home.credentialsFile, hand);
    core = createCore({ env: home.env });
    await addUser(core, { name: 'ci-bot', accessKeyId: CI_BOT.accessKeyId, secretAccessKey: CI_BOT.secretAccessKey });
    await addRole(core, { name: 'no-mfa', roleArn: roleArn('no-mfa'), source: 'ci-bot' });
    await assume(core, { name: 'no-mfa' });
  });
  afterAll(async () => {
    for (const account of await core.secrets.accounts()) await core.secrets.delete(account);
    await sts.close();
    home.cleanup();
  });

  it('leaves the profiles alone when the setting is off (the default)', async () => {
    expect(await clearProfilesIfAsked(core)).toEqual({ removed: [], failed: [] });
    expect(readFileSync(home.credentialsFile, 'utf8')).toContain('[no-mfa]');
  });

  it('removes only Rolecall’s profiles when it is on, and keeps the cached session', async () => {
    await updateSettings(core, { clearProfilesOnQuit: true });
    expect(await clearProfilesIfAsked(core)).toEqual({ removed: ['no-mfa'], failed: [] });
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(hand);
    // The next start can write it again without a new STS call.
    const before = sts.calls.length;
    expect((await assume(core, { name: 'no-mfa' })).fromCache).toBe(true);
    expect(sts.calls.length).toBe(before);
  });
});
