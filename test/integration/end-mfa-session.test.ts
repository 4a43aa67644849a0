// `rolecall stop <user>` ends the user's MFA session (the operation added through the table, see
// docs/architecture.md): the cached session leaves the keychain, the next role that needs it asks
// for a code again, and the role sessions already assumed through it are named as still live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, roleArn, type World } from '../support/world';

describe("ending a user's MFA session from the CLI", () => {
  let world: World;

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    for (const role of ['admin', 'viewer']) {
      const added = await world.cli(['role', 'add', role, '--role-arn', roleArn(role), '--source', 'dev-user']);
      expect(added.code, added.stderr).toBe(0);
    }
  });
  afterAll(async () => world.close());

  it('ends it, names the role sessions that stay, and the next role that needs it asks for a code', async () => {
    const assumed = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(assumed.code, assumed.stderr).toBe(0);
    const mfaSessions = async () =>
      (JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ kind: string; name: string }>).filter((s) => s.kind === 'mfa-session');
    expect(await mfaSessions()).toEqual([expect.objectContaining({ name: 'dev-user' })]);

    const ended = await world.cli(['stop', 'dev-user']);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stderr).toContain('Ended the MFA session of dev-user');
    expect(ended.stderr).toMatch(/stay valid until they expire: admin\./);
    expect(await mfaSessions()).toEqual([]);

    // admin's own session still serves; another role from dev-user needs its code again.
    expect((await world.cli(['assume', 'admin'])).code).toBe(0);
    const tokensBefore = world.sts.calls.filter((c) => c.action === 'GetSessionToken').length;
    const viewer = await world.cli(['assume', 'viewer']);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toMatch(/MFA code/);
    expect(world.sts.calls.filter((c) => c.action === 'GetSessionToken').length).toBe(tokensBefore);
  });

  it('says so when there was no MFA session, and changes nothing', async () => {
    const again = await world.cli(['stop', 'dev-user']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('dev-user had no MFA session.');
  });

  it('still stops a role by its name, and refuses a name that is neither a role nor a user', async () => {
    const stopped = await world.cli(['stop', 'admin']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('Stopped admin.');

    const unknown = await world.cli(['stop', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("rolecall: There is no role or user named 'nobody'.\n  rolecall list shows the names; rolecall stop --all stops every role.\n");
  });
});
