import { describe, expect, it } from 'vitest';
import { catalogSchema, type Catalog } from '../../common/catalog-schema';
import { credentialProcessJson, formatExport } from '../../main/core/exports/shell-format';
import { formatEndpointExport } from '../../main/core/exports/container-format';
import { resolveChain } from '../../main/core/sessions/chain';

const ARN = 'arn:aws:iam::123456789012:role/r';

function catalogWith(roles: Array<{ name: string; source: string }>): Catalog {
  return catalogSchema.parse({
    version: 1,
    users: [{ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001' }],
    roles: roles.map((r) => ({ ...r, roleArn: ARN })),
  });
}

describe('chain resolution', () => {
  it('walks from the role back to its user', () => {
    const chain = resolveChain(
      catalogWith([
        { name: 'admin', source: 'dev-user' },
        { name: 'deploy', source: 'admin' },
      ]),
      'deploy',
    );
    expect(chain.user.name).toBe('dev-user');
    expect(chain.roles.map((r) => r.name)).toEqual(['admin', 'deploy']);
  });

  it('names a loop', () => {
    expect(() =>
      resolveChain(
        catalogWith([
          { name: 'a', source: 'b' },
          { name: 'b', source: 'a' },
        ]),
        'a',
      ),
    ).toThrow(/loops: b → a → b|loops/);
  });

  it('refuses more than 10 links and accepts exactly 10', () => {
    const roles = Array.from({ length: 11 }, (_, i) => ({ name: `r${i}`, source: i === 0 ? 'dev-user' : `r${i - 1}` }));
    expect(resolveChain(catalogWith(roles), 'r9').roles).toHaveLength(10);
    expect(() => resolveChain(catalogWith(roles), 'r10')).toThrow(/more than 10 links/);
  });

  it('names a missing source', () => {
    expect(() => resolveChain(catalogWith([{ name: 'a', source: 'ghost' }]), 'a')).toThrow(/'ghost' of role 'a' is neither a user nor a role/);
  });
});

describe('shell exports', () => {
  const session = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: "s'ec\\ret",
    sessionToken: 'tok$(rm -rf ~)`x`',
    expiration: '2026-11-28T02:00:00.000Z',
    region: 'ap-northeast-1',
  };

  it('quotes values so no value becomes shell syntax', () => {
    expect(formatExport(session, 'bash')).toContain(`export AWS_SECRET_ACCESS_KEY='s'\\''ec\\ret'`);
    expect(formatExport(session, 'bash')).toContain("export AWS_SESSION_TOKEN='tok$(rm -rf ~)`x`'");
    expect(formatExport(session, 'fish')).toContain("set -gx AWS_SECRET_ACCESS_KEY 's\\'ec\\\\ret'");
    expect(formatExport(session, 'powershell')).toContain("$Env:AWS_SECRET_ACCESS_KEY = 's''ec\\ret'");
  });

  it('clears AWS_PROFILE so a profile cannot win over the exported keys, and sets the region', () => {
    expect(formatExport(session, 'zsh')).toMatch(/unset AWS_PROFILE AWS_DEFAULT_PROFILE\n$/);
    expect(formatExport(session, 'fish')).toContain('set -e AWS_PROFILE AWS_DEFAULT_PROFILE 2>/dev/null; or true');
    expect(formatExport(session, 'dotenv')).toContain('AWS_REGION="ap-northeast-1"');
    expect(JSON.parse(formatExport(session, 'json'))).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_CREDENTIAL_EXPIRATION: session.expiration });
  });

  it('writes credential_process Version 1 JSON', () => {
    expect(JSON.parse(credentialProcessJson(session))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration,
    });
  });
});

describe('exports that point a shell at the credential endpoint (export --server)', () => {
  const endpoint = { url: 'http://127.0.0.1:41234/role/deploy', token: 'tok_en-0123456789abcdefghijklmnopqrstuvwxyzAB', region: 'eu-west-1' };

  it('sets the two variables and the region in each format, and unsets what an SDK would read before them', () => {
    const bash = formatEndpointExport(endpoint, 'bash');
    expect(bash).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${endpoint.url}'\n`);
    expect(bash).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN='${endpoint.token}'\n`);
    expect(bash).toContain("export AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n");
    expect(bash).toMatch(
      /^unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_PROFILE AWS_DEFAULT_PROFILE .*AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE$/m,
    );
    expect(formatEndpointExport(endpoint, 'fish')).toContain('set -e AWS_ACCESS_KEY_ID ');
    expect(formatEndpointExport(endpoint, 'powershell')).toContain('Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue');
    expect(formatEndpointExport(endpoint, 'powershell')).toContain(`$Env:AWS_CONTAINER_AUTHORIZATION_TOKEN = '${endpoint.token}'`);
    expect(formatEndpointExport(endpoint, 'dotenv')).toBe(
      `AWS_CONTAINER_CREDENTIALS_FULL_URI="${endpoint.url}"\nAWS_CONTAINER_AUTHORIZATION_TOKEN="${endpoint.token}"\nAWS_REGION="eu-west-1"\nAWS_DEFAULT_REGION="eu-west-1"\n`,
    );
    expect(Object.keys(JSON.parse(formatEndpointExport({ url: endpoint.url, token: endpoint.token }, 'json')) as object)).toEqual([
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    ]);
  });
});
