import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { addRole } from '../../main/core/operations/roles';
import { saveUser } from '../../main/core/operations/save-user';
import { assume, stop } from '../../main/core/operations/sessions';
import { addUser } from '../../main/core/operations/users';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { CI_BOT, DEV_USER, roleArn } from '../support/sts-fixture';
import { makeTempHome, type TempHome } from '../support/temp-home';

// Saving a user again, on the real keychain and the STS test server: the cached MFA session
// belongs to one key and one device, and a name a role has is refused the same way on every path.

describe('saving a user again', () => {
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  const devUser = { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey, mfaSerial: DEV_USER.mfaSerialNumber };

  beforeAll(async () => {
    sts = await startStsServer();
    home = makeTempHome(sts.url);
    core = createCore({ env: home.env });
    await addUser(core, devUser);
    await addRole(core, { name: 'admin', roleArn: roleArn('admin'), source: 'dev-user' });
  });
  afterAll(async () => {
    for (const account of await core.secrets.accounts()) await core.secrets.delete(account);
    await sts.close();
    home.cleanup();
  });

  /** A real MFA session for dev-user, from one code (admin's cached session would serve without one). */
  async function newMfaSession(): Promise<void> {
    await stop(core, { name: 'admin' });
    await assume(core, { name: 'admin', mfaCode: sts.nextCode('dev-user') });
  }

  beforeEach(async () => {
    await addUser(core, devUser);
    if (!(await core.secrets.getMfaSession('dev-user'))) await newMfaSession();
    expect(await core.secrets.getMfaSession('dev-user')).toBeDefined();
  });

  it('keeps the cached MFA session when the same key and secret are entered again', async () => {
    const before = await core.secrets.getMfaSession('dev-user');
    expect(await addUser(core, { ...devUser, region: 'eu-west-1' })).toMatchObject({ identity: expect.stringContaining(':user/dev-user') });
    expect(await core.secrets.getMfaSession('dev-user')).toEqual(before);
    // The window's form sends the secret again too: same key, same session.
    await saveUser(core, devUser);
    expect(await core.secrets.getMfaSession('dev-user')).toEqual(before);
  });

  it('drops it when the key changes', async () => {
    await addUser(core, { ...devUser, accessKeyId: CI_BOT.accessKeyId, secretAccessKey: CI_BOT.secretAccessKey });
    expect(await core.secrets.getMfaSession('dev-user')).toBeUndefined();
  });

  it('drops it when the MFA device changes, with or without the secret', async () => {
    await addUser(core, { ...devUser, mfaSerial: undefined });
    expect(await core.secrets.getMfaSession('dev-user')).toBeUndefined();
    await addUser(core, devUser);
    await newMfaSession();
    expect(await core.secrets.getMfaSession('dev-user')).toBeDefined();
    await saveUser(core, { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId });
    expect(await core.secrets.getMfaSession('dev-user')).toBeUndefined();
  });

  it('refuses a role’s name as NameTaken, with the secret or without it, and stores nothing', async () => {
    const admin = { name: 'admin', accessKeyId: CI_BOT.accessKeyId };
    await expect(addUser(core, { ...admin, secretAccessKey: CI_BOT.secretAccessKey })).rejects.toMatchObject({ code: 'NameTaken' });
    await expect(saveUser(core, { ...admin, secretAccessKey: CI_BOT.secretAccessKey })).rejects.toMatchObject({ code: 'NameTaken' });
    await expect(saveUser(core, admin)).rejects.toMatchObject({ code: 'NameTaken' });
    expect(await core.secrets.getUserKey('admin')).toBeNull();
    expect(core.catalog.load().users.map((u) => u.name)).toEqual(['dev-user']);
  });
});
