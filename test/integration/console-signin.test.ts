// Signing in to the AWS console as a role (`rolecall console`, the window's "Open console"), with
// the real core against the STS test server and its federation endpoint: which sessions AWS lets
// sign in, when SessionDuration is sent, what an expired or revoked session does, and the three
// partitions. The URL is a bearer credential: it must never reach a file or a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignin } from '../../main/core/operations/console-signin';
import { roleCredentials } from '../../main/core/operations/sessions';
import { addRole } from '../../main/core/operations/roles';
import { getSigninToken, signinEndpoint } from '../../main/core/console/signin';
import { isRolecallError } from '../../main/core/errors';
import { ACCOUNT } from '../../main/core/keychain/accounts';
import { makeCoreWorld, type CoreWorld } from '../support/core-world';
import { roleArn } from '../support/sts-fixture';
import { filesContaining } from '../support/world';

describe('console sign-in against the federation endpoint', () => {
  let world: CoreWorld;
  const code = () => ({ mfaCode: world.sts.nextCode('dev-user') });
  const federationCalls = (action: string) => world.sts.calls.filter((c) => c.action === `federation:${action}`);
  const lastTokenCall = () => federationCalls('getSigninToken').at(-1)!;

  beforeAll(async () => {
    world = await makeCoreWorld();
    await addRole(world.core, { name: 'long-job', roleArn: roleArn('long-job'), source: 'dev-user', direct: true, duration: 14400 });
    await addRole(world.core, { name: 'admin-cn', roleArn: 'arn:aws-cn:iam::123456789012:role/admin', source: 'dev-user' });
    await addRole(world.core, { name: 'admin-gov', roleArn: 'arn:aws-us-gov:iam::123456789012:role/admin', source: 'dev-user' });
  });
  afterAll(async () => world.close());

  /** Follows the printed URL as a browser would, without following the redirect. */
  async function login(url: string): Promise<Response> {
    return fetch(url, { redirect: 'manual' });
  }

  it('admin, from the MFA session: no SessionDuration, the console ends with the role session, the URL lands on the console home', async () => {
    const signin = await consoleSignin(world.core, { name: 'admin', ...code() });
    const call = lastTokenCall();
    expect(call.errorCode).toBeUndefined();
    expect(call.params.SessionDuration).toBeUndefined();
    expect(signin.lastsFor).toBe('role-session');
    const session = (await world.core.secrets.getRoleSession('admin'))!;
    expect(signin.consoleEndsAt).toBe(session.expiration);
    expect(call.accessKeyId).toBe(session.accessKeyId);

    const url = new URL(signin.url);
    expect(url.origin + url.pathname).toBe(`${world.sts.url}/federation`);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('https://rolecall.dev');
    expect(url.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');
    const landed = await login(signin.url);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');
  });

  it('deploy, chained through admin: no SessionDuration, signed in', async () => {
    const signin = await consoleSignin(world.core, { name: 'deploy', destination: 'cloudformation', region: 'eu-west-1' });
    expect(lastTokenCall().errorCode).toBeUndefined();
    expect(lastTokenCall().params.SessionDuration).toBeUndefined();
    expect(signin.lastsFor).toBe('role-session');
    expect(signin.assumedRoleArn).toMatch(/assumed-role\/deploy\//);
    expect(signin.destination).toBe('https://console.aws.amazon.com/cloudformation/home?region=eu-west-1');
    expect((await login(signin.url)).status).toBe(302);
  });

  it('a direct role of 4 h: SessionDuration is sent (the time its session has left), and the console lasts that long', async () => {
    const signin = await consoleSignin(world.core, { name: 'long-job', ...code() });
    const call = lastTokenCall();
    expect(call.errorCode).toBeUndefined();
    const seconds = Number(call.params.SessionDuration);
    expect(seconds).toBeGreaterThan(14400 - 60);
    expect(seconds).toBeLessThanOrEqual(14400);
    expect(signin.lastsFor).toBe('session-duration');
    expect(Date.parse(signin.consoleEndsAt) - world.sts.now()).toBeGreaterThan((14400 - 120) * 1000);
    expect((await login(signin.url)).status).toBe(302);
  });

  it('the server refuses SessionDuration for a session from temporary credentials, as AWS documents', async () => {
    const { session } = await roleCredentials(world.core, { name: 'admin' });
    const refused = await getSigninToken({
      endpoint: signinEndpoint(world.home.env, 'aws'),
      credentials: session,
      sessionDuration: 3600,
      doing: 'signing in to the console as admin',
      env: world.home.env,
    }).catch((error: unknown) => error);
    expect(isRolecallError(refused) && refused.code).toBe('SigninRefused');
    expect(lastTokenCall().errorCode).toMatch(/not assumed with long-term credentials/);
  });

  it('an expired role session is renewed first (no code while the MFA session lives), then signed in', async () => {
    await consoleSignin(world.core, { name: 'admin' });
    const assumes = world.sts.calls.filter((c) => c.action === 'AssumeRole').length;
    world.sts.advance(2 * 3600_000); // admin's hour is over; the 12-hour MFA session is not
    const signin = await consoleSignin(world.core, { name: 'admin' });
    expect(world.sts.calls.filter((c) => c.action === 'AssumeRole').length).toBe(assumes + 1);
    expect(lastTokenCall().errorCode).toBeUndefined();
    expect(Date.parse(signin.consoleEndsAt)).toBeGreaterThan(world.sts.now() + 50 * 60_000);
  });

  it('a session AWS no longer accepts (revoked): refused, said in words, and no secret in the words', async () => {
    await consoleSignin(world.core, { name: 'admin' });
    world.sts.revokeSessions('admin');
    const refused = await consoleSignin(world.core, { name: 'admin' }).catch((error: unknown) => error);
    expect(isRolecallError(refused)).toBe(true);
    const error = refused as Error & { code: string; hint?: string };
    expect(error.code).toBe('SigninRefused');
    expect(error.message).toBe(
      'AWS refused to sign in to the console while signing in to the console as admin (HTTP 400): it does not accept these credentials (revoked, expired at AWS, or not a role session).',
    );
    for (const secret of world.sts.issuedSecrets()) expect(`${error.message} ${error.hint}`).not.toContain(secret);
    await world.core.secrets.delete(ACCOUNT.roleSession('admin'));
  });

  it.each([
    ['admin-cn', 'https://console.amazonaws.cn/console/home?region=cn-north-1', 'arn:aws-cn:sts::'],
    ['admin-gov', 'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1', 'arn:aws-us-gov:sts::'],
  ])('the %s partition: its console host and region from the role ARN', async (name, destination, arnPrefix) => {
    const signin = await consoleSignin(world.core, { name });
    expect(signin.destination).toBe(destination);
    expect(signin.assumedRoleArn.startsWith(arnPrefix)).toBe(true);
    expect(new URL(signin.url).searchParams.get('Destination')).toBe(destination);
    expect((await login(signin.url)).headers.get('location')).toBe(destination);
  });

  it('without ROLECALL_SIGNIN_ENDPOINT each partition has its own federation endpoint', () => {
    expect(signinEndpoint({}, 'aws').href).toBe('https://signin.aws.amazon.com/federation');
    expect(signinEndpoint({}, 'aws-cn').href).toBe('https://signin.amazonaws.cn/federation');
    expect(signinEndpoint({}, 'aws-us-gov').href).toBe('https://signin.amazonaws-us-gov.com/federation');
  });

  it('refuses a destination off the console before asking AWS for anything', async () => {
    const before = world.sts.calls.length;
    for (const destination of ['https://evil.example/console', 'http://console.aws.amazon.com/ec2', 'not a url']) {
      const refused = await consoleSignin(world.core, { name: 'admin', destination }).catch((error: unknown) => error);
      expect(isRolecallError(refused) && refused.code).toBe('InvalidInput');
    }
    expect(world.sts.calls.length).toBe(before);
  });

  it('no sign-in token, secret key or session token in any file Rolecall wrote', () => {
    const secrets = world.sts.issuedSecrets();
    expect(federationCalls('getSigninToken').filter((c) => !c.errorCode).length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets.filter((s) => s.length > 40)) {
      // The shared credentials file holds role sessions by design (assume writes profiles); the
      // console writes none, and the catalog never holds a secret.
      expect(filesContaining(world.home.configDir, secret)).toEqual([]);
    }
  });
});
