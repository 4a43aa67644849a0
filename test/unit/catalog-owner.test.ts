// Two catalogs writing the same shared AWS files: each section says which catalog wrote it
// (x_rolecall_catalog, only for a catalog other than the default one), and what a catalog removes
// or renews in bulk is only its own. Every Rolecall still knows each section by its marker.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_KEY, listManagedProfiles, readAwsProfiles, removeManagedProfile, writeManagedProfile } from '../../main/core/aws-files';
import { catalogId, configDir, keychainService } from '../../main/core/config-dir';

let home: string;
/** The default catalog: no ROLECALL_CONFIG_DIR. */
let defaultEnv: NodeJS.ProcessEnv;
let envA: NodeJS.ProcessEnv;
let envB: NodeJS.ProcessEnv;
let credentialsFile: string;
let configFile: string;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'rolecall-owner-'));
  credentialsFile = path.join(home, '.aws', 'credentials');
  configFile = path.join(home, '.aws', 'config');
  defaultEnv = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile };
  envA = { ...defaultEnv, ROLECALL_CONFIG_DIR: path.join(home, 'catalog-a') };
  envB = { ...defaultEnv, ROLECALL_CONFIG_DIR: path.join(home, 'catalog-b') };
});

afterEach(() => rmSync(home, { recursive: true, force: true }));

const creds = (n = 1) => ({
  accessKeyId: `ASIAEXAMPLE0000000${n}`,
  secretAccessKey: `secret/${n}+abc`,
  sessionToken: `token${n}==`,
  expiration: new Date(`2030-01-0${n}T12:00:00.000Z`),
});

const read = (file: string) => readFileSync(file, 'utf8');

function seed(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What an older Rolecall (or today's default catalog) wrote: the marker, no owner key. */
const OLDER =
  '[older]\naws_access_key_id = ASIAOLDER\naws_secret_access_key = s\naws_session_token = t\n' +
  'x_security_token_expires = 2030-01-01T00:00:00.000Z\nx_rolecall_managed = true\n';

describe('catalogId', () => {
  it('is null for the default catalog, however it is named', () => {
    expect(catalogId(defaultEnv)).toBeNull();
    expect(catalogId({ ...defaultEnv, ROLECALL_CONFIG_DIR: configDir(defaultEnv) })).toBeNull();
    expect(catalogId({ ...defaultEnv, ROLECALL_CONFIG_DIR: '' })).toBeNull();
  });

  it('is 16 hex digits of the resolved folder: stable, and different per folder', () => {
    const id = catalogId(envA);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(catalogId({ ...envA })).toBe(id);
    expect(catalogId({ ...envA, ROLECALL_CONFIG_DIR: `${envA.ROLECALL_CONFIG_DIR}/sub/..` })).toBe(id);
    expect(catalogId(envB)).not.toBe(id);
  });
});

describe('keychainService', () => {
  it("names the default catalog's secrets `rolecall` however the folder is named, as its owner id is null", () => {
    // ROLECALL_CONFIG_DIR pointed at the default folder once gave the default catalog with another
    // keychain namespace: the keys the app had stored looked missing from the CLI.
    for (const env of [defaultEnv, { ...defaultEnv, ROLECALL_CONFIG_DIR: configDir(defaultEnv) }, { ...defaultEnv, ROLECALL_CONFIG_DIR: '' }]) {
      expect(keychainService(env)).toBe('rolecall');
      expect(catalogId(env)).toBeNull();
    }
  });

  it('gives a moved catalog its own namespace, the folder resolved', () => {
    expect(keychainService(envA)).toBe(`rolecall@${envA.ROLECALL_CONFIG_DIR}`);
    expect(keychainService({ ...envA, ROLECALL_CONFIG_DIR: `${envA.ROLECALL_CONFIG_DIR}/sub/..` })).toBe(keychainService(envA));
    expect(keychainService(envB)).not.toBe(keychainService(envA));
  });
});

describe('writing with an owner', () => {
  it('the default catalog writes no owner key', async () => {
    for (const env of [defaultEnv, { ...defaultEnv, ROLECALL_CONFIG_DIR: configDir(defaultEnv) }]) {
      await writeManagedProfile('plain', creds(), { env, region: 'eu-west-1' });
      expect(read(credentialsFile)).not.toContain(CATALOG_KEY);
      expect(read(configFile)).toBe('[profile plain]\nregion = eu-west-1\nx_rolecall_managed = true\n');
    }
  });

  it('another catalog writes the marker and its id into both files, and lists it as its own', async () => {
    await writeManagedProfile('a-profile', creds(), { env: envA, region: 'eu-west-1' });
    const id = catalogId(envA) as string;
    expect(read(credentialsFile)).toContain(`x_rolecall_managed = true\n${CATALOG_KEY} = ${id}\n`);
    expect(read(configFile)).toBe(`[profile a-profile]\nregion = eu-west-1\nx_rolecall_managed = true\n${CATALOG_KEY} = ${id}\n`);
    // Every catalog sees the section; only A counts it as its own.
    for (const env of [defaultEnv, envA, envB]) expect((await listManagedProfiles({ env })).map((p) => p.catalog)).toEqual([id]);
    expect(await listManagedProfiles({ env: envA, onlyOwn: true })).toHaveLength(1);
    expect(await listManagedProfiles({ env: envB, onlyOwn: true })).toEqual([]);
    expect(await listManagedProfiles({ env: defaultEnv, onlyOwn: true })).toEqual([]);
  });

  it('a section an older Rolecall wrote is the default catalog’s', async () => {
    seed(credentialsFile, OLDER);
    expect(await listManagedProfiles({ env: defaultEnv, onlyOwn: true })).toEqual([
      { profile: 'older', expiration: new Date('2030-01-01T00:00:00.000Z'), catalog: null },
    ]);
    expect(await listManagedProfiles({ env: envA, onlyOwn: true })).toEqual([]);
    expect(await removeManagedProfile('older', { env: envA, onlyOwn: true })).toEqual({ removed: false, unmanaged: false });
    expect(read(credentialsFile)).toBe(OLDER);
    expect(await removeManagedProfile('older', { env: defaultEnv, onlyOwn: true })).toEqual({ removed: true, unmanaged: false });
    expect(read(credentialsFile)).toBe('');
  });

  it('a write by name takes over another catalog’s section, keeping every other byte', async () => {
    const mine = '# mine\r\n[dev]\r\nregion = x\r\n\r\n';
    const tail = '\r\n; after\r\n[last]\r\nk = v';
    await writeManagedProfile('shared', creds(1), { env: envB });
    seed(credentialsFile, mine + read(credentialsFile).replace(/\n/g, '\r\n') + tail);
    await writeManagedProfile('shared', creds(2), { env: envA });
    const text = read(credentialsFile);
    expect(text.startsWith(mine)).toBe(true);
    expect(text.endsWith(tail)).toBe(true);
    expect(text).toContain(`x_rolecall_managed = true\r\n${CATALOG_KEY} = ${catalogId(envA)}\r\n`);
    expect(text).not.toContain(catalogId(envB) as string);
    // And back to the default catalog: the owner key goes with the rest of the old section.
    await writeManagedProfile('shared', creds(3), { env: defaultEnv });
    expect(read(credentialsFile)).not.toContain(CATALOG_KEY);
    expect(await listManagedProfiles({ env: defaultEnv, onlyOwn: true })).toHaveLength(1);
  });

  it('a renewal (onlyIfWritten) does not take over the section another catalog wrote', async () => {
    await writeManagedProfile('shared', creds(1), { env: envB, region: 'eu-west-1' });
    const credentials = read(credentialsFile);
    const config = read(configFile);
    expect(await writeManagedProfile('shared', creds(2), { env: envA, onlyIfWritten: true })).toBe(false);
    expect(await writeManagedProfile('shared', creds(2), { env: defaultEnv, onlyIfWritten: true })).toBe(false);
    expect(read(credentialsFile)).toBe(credentials);
    expect(read(configFile)).toBe(config);
    expect(await writeManagedProfile('shared', creds(2), { env: envB, onlyIfWritten: true })).toBe(true);
    expect(read(credentialsFile)).toContain('aws_access_key_id = ASIAEXAMPLE00000002');
  });
});

describe('removing only what is ours', () => {
  it('onlyOwn leaves another catalog’s sections byte for byte, in both files; by name removes any', async () => {
    seed(credentialsFile, '# hand\n[hand]\nk = v\n\n' + OLDER);
    seed(configFile, '[default]\nregion = eu-west-1\n');
    await writeManagedProfile('b-profile', creds(1), { env: envB, region: 'us-east-1' });
    const credentials = read(credentialsFile);
    const config = read(configFile);
    await writeManagedProfile('a-profile', creds(2), { env: envA, region: 'us-east-1' });

    expect(await removeManagedProfile('b-profile', { env: envA, onlyOwn: true })).toEqual({ removed: false, unmanaged: false });
    expect(await removeManagedProfile('a-profile', { env: envA, onlyOwn: true })).toEqual({ removed: true, unmanaged: false });
    expect(read(credentialsFile)).toBe(credentials);
    expect(read(configFile)).toBe(config);

    // `stop <role>` and the like name one profile: any catalog's section of that name goes.
    expect(await removeManagedProfile('b-profile', { env: envA })).toEqual({ removed: true, unmanaged: false });
    expect(read(credentialsFile)).toBe('# hand\n[hand]\nk = v\n\n' + OLDER);
    expect(read(configFile)).toBe('[default]\nregion = eu-west-1\n');
  });
});

describe('import', () => {
  it('counts every catalog’s sections as managed, so none is ever imported as a user or a role', async () => {
    seed(credentialsFile, OLDER);
    await writeManagedProfile('a-profile', creds(1), { env: envA, region: 'eu-west-1' });
    await writeManagedProfile('b-profile', creds(2), { env: envB, region: 'eu-west-1' });
    for (const env of [defaultEnv, envA, envB]) {
      const { credentials, config } = await readAwsProfiles({ env });
      expect(credentials.map((p) => [p.profile, p.managed])).toEqual([
        ['older', true],
        ['a-profile', true],
        ['b-profile', true],
      ]);
      expect(config.map((p) => [p.profile, p.managed])).toEqual([
        ['a-profile', true],
        ['b-profile', true],
      ]);
    }
  });
});
