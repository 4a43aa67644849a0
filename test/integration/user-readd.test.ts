import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainService } from '../../main/core/config-dir';
import { run, type RunResult } from '../support/run';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

// `rolecall user add` on a user that exists replaces its key and keeps what it was not told:
// the MFA device and the region stay unless --no-mfa-serial / --no-region (or new values) say
// otherwise. Hints that send someone to `user add` carry the user's flags, so following one
// loses nothing.

const REGION = 'eu-central-2';

describe('re-adding a user keeps what was not given', () => {
  let world: World;
  const addArgs = (...extra: string[]) => ['user', 'add', 'dev-user', '--access-key-id', DEV_USER.accessKeyId, ...extra];
  const readd = (...extra: string[]) => world.cli(addArgs(...extra), `${DEV_USER.secretAccessKey}\n`);
  const devUser = async () => {
    const listed = await world.cli(['list', '--json']);
    const catalog = JSON.parse(listed.stdout) as { users: Array<{ name: string; mfaSerial?: string; region?: string }> };
    return catalog.users.find((u) => u.name === 'dev-user');
  };
  const expectOk = (result: RunResult) => expect(result.code, result.stderr).toBe(0);
  /** A fresh AssumeRole of admin, which needs the MFA device. */
  const assumeAdmin = () => world.cli(['assume', 'admin', '--duration', '900', '--mfa-code', world.sts.nextCode('dev-user')]);
  /** Writes an item straight into this home's keychain namespace, as another program could. */
  async function plant(account: string, value: string): Promise<void> {
    const script = `new (require('@napi-rs/keyring').Entry)(process.argv[1], process.argv[2]).setPassword(process.argv[3])`;
    const planted = await run(process.execPath, ['-e', script, keychainService(world.home.env), account, value], { env: world.home.env, cwd: process.cwd() });
    expect(planted.code, planted.stderr).toBe(0);
  }

  beforeAll(async () => {
    world = await makeWorld();
    expectOk(await readd('--mfa-serial', DEV_USER.mfaSerialNumber, '--region', REGION));
    expectOk(await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user']));
  });
  afterAll(async () => world.close());

  it('the key alone: the MFA device and region stay, it says so, and the next assume still uses MFA', async () => {
    const result = await readd();
    expectOk(result);
    expect(result.stderr).toContain(`Kept its MFA device ${DEV_USER.mfaSerialNumber} (--no-mfa-serial removes it).`);
    expect(result.stderr).toContain(`Kept its region ${REGION} (--no-region removes it).`);
    expect(await devUser()).toEqual({
      name: 'dev-user',
      accessKeyId: DEV_USER.accessKeyId,
      mfaSerial: DEV_USER.mfaSerialNumber,
      region: REGION,
      hasSecret: true,
      keyCreatedAt: expect.any(String),
    });
    expectOk(await assumeAdmin());
  });

  it('a new region replaces the old one and the MFA device stays', async () => {
    expectOk(await readd('--region', 'us-gov-west-1'));
    expect(await devUser()).toMatchObject({ mfaSerial: DEV_USER.mfaSerialNumber, region: 'us-gov-west-1' });
    expectOk(await readd('--region', REGION));
  });

  it('--no-region and --no-mfa-serial clear them, explicitly', async () => {
    expectOk(await readd('--no-region'));
    expect(await devUser()).toMatchObject({ mfaSerial: DEV_USER.mfaSerialNumber });
    expect((await devUser())?.region).toBeUndefined();
    const cleared = await readd('--no-mfa-serial');
    expectOk(cleared);
    expect(cleared.stderr).not.toMatch(/Kept/);
    expect((await devUser())?.mfaSerial).toBeUndefined();
    // Put back as it was for the tests below.
    expectOk(await readd('--mfa-serial', DEV_USER.mfaSerialNumber, '--region', REGION));
  });

  it('a hint to store the key again carries every flag the user had, and following it loses nothing', async () => {
    await plant('user-key/dev-user', 'garbage'); // unreadable: the key is missing
    await plant('mfa-session/dev-user', 'garbage');
    const refused = await assumeAdmin();
    expect(refused.code).toBe(1);
    const command = `rolecall user add dev-user --access-key-id ${DEV_USER.accessKeyId} --mfa-serial ${DEV_USER.mfaSerialNumber} --region ${REGION}`;
    expect(refused.stderr).toContain(`Store it again: ${command} (the secret is read from stdin).`);
    expect(refused.stderr).not.toContain(DEV_USER.secretAccessKey);
    // Run exactly what the hint says.
    expectOk(await world.cli(command.split(' ').slice(1), `${DEV_USER.secretAccessKey}\n`));
    expect(await devUser()).toMatchObject({ mfaSerial: DEV_USER.mfaSerialNumber, region: REGION, hasSecret: true });
    expectOk(await assumeAdmin());
  });

  it("a wrong secret is refused with a hint that carries the user's flags, and the user is unchanged", async () => {
    const wrong = 'A'.repeat(40);
    const refused = await world.cli(addArgs(), `${wrong}\n`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Store the right secret: rolecall user add dev-user --access-key-id ${DEV_USER.accessKeyId} --mfa-serial ${DEV_USER.mfaSerialNumber} --region ${REGION} (the secret is read from stdin).`,
    );
    expect(refused.stderr).not.toContain(wrong);
    expect(await devUser()).toMatchObject({ mfaSerial: DEV_USER.mfaSerialNumber, region: REGION });
  });
});
