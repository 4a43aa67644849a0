// A key's age: read from IAM (ListAccessKeys' CreateDate) when the key is added, kept in the
// catalog, shown by `list`, and past the key-age setting (90 days) suggested for replacing, once,
// by `status`. A user without iam:ListAccessKeys keeps working, its key's age unknown and said so
// once. Catalogs written before key ages load as they are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CI_BOT } from '../support/sts-fixture';
import { DEV_USER, makeWorld, type World } from '../support/world';

const DAY_MS = 86_400_000;

describe("a key's age", () => {
  let world: World;
  const noSecret = (text: string) => {
    expect(text).not.toContain(DEV_USER.secretAccessKey);
    expect(text).not.toContain(CI_BOT.secretAccessKey);
  };

  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => world.close());

  it('is read from IAM when the key is added, shown by list, and status suggests replacing it once past 90 days', async () => {
    // Half a day past 120 days on the server's clock, so the whole days are 120 whatever the run takes.
    world.sts.iam.keyCreatedAt[DEV_USER.accessKeyId] = new Date(world.sts.now() - 120.5 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const added = await world.addDevUser();
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(/^IAM created this key on \d{4}-\d{2}-\d{2} \(key 120 days old\)\.$/m);
    noSecret(added.stdout + added.stderr);

    const listed = await world.cli(['list']);
    expect(listed.stdout).toMatch(/^dev-user\s+user\s+AKIAROLECALLDEV00001 \(key 120 days old\)\s+MFA /m);
    const json = JSON.parse((await world.cli(['list', '--json'])).stdout) as { users: Array<{ keyCreatedAt?: string }>; settings: { keyAgeWarningDays: number } };
    expect(json.users[0]!.keyCreatedAt).toBe(world.sts.iam.keyCreatedAt[DEV_USER.accessKeyId]!.replace('Z', '.000Z'));
    expect(json.settings.keyAgeWarningDays).toBe(90);

    const status = await world.cli(['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr.match(/consider replacing it/g)).toHaveLength(1);
    expect(status.stderr).toContain("dev-user's access key is 120 days old; consider replacing it.");
    expect(status.stderr).toContain('Replace it in one step: rolecall user rotate dev-user');
    // --json stays the sessions alone; the suggestion goes to stderr.
    const statusJson = await world.cli(['status', '--json']);
    expect(JSON.parse(statusJson.stdout)).toEqual([]);
  });

  it('says nothing in status for a young key', async () => {
    delete world.sts.iam.keyCreatedAt[DEV_USER.accessKeyId]; // ten days old by default
    expect((await world.addDevUser()).stderr).toMatch(/\(key 10 days old\)/);
    const status = await world.cli(['status']);
    expect(status.stderr).not.toMatch(/consider replacing/);
  });

  it('is unknown, said once in words, when the user may not list its keys: the key is stored all the same', async () => {
    delete world.sts.iam.permissions['ci-bot']!.ListAccessKeys;
    const added = await world.cli(['user', 'add', 'ci-bot', '--access-key-id', CI_BOT.accessKeyId], `${CI_BOT.secretAccessKey}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain("The key's age is unknown: ci-bot may not call iam:ListAccessKeys.");
    noSecret(added.stdout + added.stderr);
    const listed = await world.cli(['list']);
    expect(listed.stdout).toMatch(/^ci-bot\s+user\s+AKIAROLECALLCIBOT001\s+no MFA\s+-$/m);
    expect((await world.cli(['status'])).stderr).not.toMatch(/ci-bot/);
  });
});

describe('a catalog written before key ages', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => world.close());

  it('loads, lists its users without an age, and takes the default key-age setting', async () => {
    mkdirSync(world.home.configDir, { recursive: true });
    const catalog = {
      version: 1,
      users: [{ name: 'dev-user', accessKeyId: DEV_USER.accessKeyId }],
      roles: [],
      settings: { mfaSessionDuration: 43200, defaultRoleDuration: 3600, refreshLeadMinutes: 15, notifyLeadMinutes: 10, language: 'system', clearProfilesOnQuit: false },
    };
    writeFileSync(join(world.home.configDir, 'catalog.json'), JSON.stringify(catalog), { mode: 0o600 });
    const listed = await world.cli(['list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const json = JSON.parse(listed.stdout) as { users: Array<{ name: string; keyCreatedAt?: string }>; settings: { keyAgeWarningDays: number } };
    expect(json.users).toEqual([expect.objectContaining({ name: 'dev-user' })]);
    expect(json.users[0]!.keyCreatedAt).toBeUndefined();
    expect(json.settings.keyAgeWarningDays).toBe(90);
  });
});
