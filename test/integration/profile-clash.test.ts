// A role whose profile name is already a section of the user's own in the shared AWS files is
// refused when it is saved (`role add`), naming the profile and the file, not at its first assume;
// nothing is saved and the files are not touched.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, roleArn, type World } from '../support/world';

const CREDENTIALS = '[legacy]\r\naws_access_key_id = AKIAEXAMPLELEGACY001\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ\r\n';
const CONFIG = '[profile tools]\ncredential_process = /usr/local/bin/get-creds\n\n[profile regional]\nregion = ap-northeast-1\n';

describe('role add and a profile name the AWS files already use', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    mkdirSync(dirname(world.home.credentialsFile), { recursive: true });
    writeFileSync(world.home.credentialsFile, CREDENTIALS);
    writeFileSync(world.home.configFile, CONFIG);
  });
  afterAll(async () => world.close());

  const roleNames = async () => (JSON.parse((await world.cli(['list', '--json'])).stdout) as { roles: { name: string }[] }).roles.map((r) => r.name);

  it('refuses a profile that is an unmanaged credentials section, naming it and the file', async () => {
    const result = await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'legacy']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^rolecall: Profile 'legacy' in \S*credentials is not managed by Rolecall\.\n\s+Choose another --profile/);
    expect(result.stderr).not.toMatch(/saved/);
    expect(await roleNames()).not.toContain('admin');
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('refuses a profile the config file sets up another way (credential_process)', async () => {
    const result = await world.cli(['role', 'add', 'tools', '--role-arn', roleArn('admin'), '--source', 'dev-user']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Profile 'tools' in \S*config sets credential_process, so AWS tools would ignore the credentials Rolecall writes/);
    expect(await roleNames()).not.toContain('tools');
  });

  it("refuses a config section of the user's own when the role has a region to write there", async () => {
    const result = await world.cli(['role', 'add', 'regional', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--region', 'eu-west-1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Profile 'regional' in \S*config is not managed by Rolecall/);
  });

  it("takes a free name, and a user config section without a region to write (the user's section supplies it)", async () => {
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'work-admin'])).code).toBe(0);
    expect((await world.cli(['role', 'add', 'regional', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    const assumed = await world.cli(['assume', 'regional', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(readFileSync(world.home.configFile, 'utf8')).toBe(CONFIG);
  });
});
