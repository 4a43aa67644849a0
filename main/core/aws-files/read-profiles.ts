// Reads the user's existing profiles for `rolecall import`, and removes plaintext keys afterwards
// (`import --remove-plaintext`) without touching anything else in the file.
import { z } from 'zod';
import { ACCESS_KEY_ID, EXTERNAL_ID, MFA_SERIAL, NAME, REGION, ROLE_ARN, ROLE_DURATION, ROLE_SESSION_NAME, SECRET_ACCESS_KEY } from '../../../common/rules';
import { isSpecialFile, readTextIfExists, writeFileAtomic } from '../files/atomic-write';
import { AwsFileFormatError } from './errors';
import { type IniBlock, type IniEntry, joinIniBlocks, replaceBlock, scanIni, sectionEntries, splitIniBlocks } from './ini-blocks';
import { withAwsFilesLock } from './lock';
import { type AwsFilesOptions, configSectionProfile, validateProfileName } from './managed-profiles';
import { hasManagedMarker } from './markers';
import { type AwsFilePaths, CONFIG_SETTING, CREDENTIALS_SETTING, resolveAwsFilePaths } from './paths';

export interface ConfigProfile {
  profile: string;
  file: string;
  line: number;
  /** Written by Rolecall itself: not something to import. */
  managed: boolean;
  roleArn?: string;
  sourceProfile?: string;
  mfaSerial?: string;
  externalId?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  region?: string;
  sourceIdentity?: string;
  credentialProcess?: string;
  /** Every key the section sets, so an import can say why it leaves a profile alone (sso_session, credential_source…). */
  keys: string[];
}

export interface CredentialsProfile {
  profile: string;
  file: string;
  line: number;
  managed: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Has aws_session_token: short-lived, so not importable as an IAM user. */
  temporary: boolean;
}

export interface InvalidProfile {
  profile: string;
  /** Names the file, the line and what is wrong with the value. */
  error: AwsFileFormatError;
}

export interface AwsProfiles {
  paths: AwsFilePaths;
  config: ConfigProfile[];
  credentials: CredentialsProfile[];
  /**
   * Profiles with a value AWS would reject. Reported, not thrown: one odd profile (a LocalStack
   * `test` key, say) must not block importing the others.
   */
  invalid: InvalidProfile[];
  /** Sections that are no profile with keys: config sections other than profiles ([services x], [sso-session x]) and credentials sections without a key pair. */
  other: Array<{ section: string; file: string; managed: boolean }>;
}

// The value shapes STS and IAM accept (common/rules.ts).
const roleArn = z.string().regex(ROLE_ARN, 'is not an IAM role ARN');
const mfaSerial = z.string().regex(MFA_SERIAL, 'is not an MFA device ARN or serial');
const sessionName = z.string().regex(ROLE_SESSION_NAME, 'must be 2-64 characters of letters, digits and _+=,.@-');
const configFields = {
  role_arn: ['roleArn', roleArn],
  source_profile: ['sourceProfile', z.string().regex(NAME, 'is not a profile name Rolecall can use')],
  mfa_serial: ['mfaSerial', mfaSerial],
  external_id: ['externalId', z.string().regex(EXTERNAL_ID, 'is not a valid external id')],
  role_session_name: ['roleSessionName', sessionName],
  duration_seconds: [
    'durationSeconds',
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of seconds')
      .transform(Number)
      .pipe(
        z.number().int().min(ROLE_DURATION.min, `must be at least ${ROLE_DURATION.min} seconds`).max(ROLE_DURATION.max, `must be at most ${ROLE_DURATION.max} seconds`),
      ),
  ],
  region: ['region', z.string().regex(REGION, 'is not an AWS region name')],
  source_identity: ['sourceIdentity', sessionName],
  credential_process: ['credentialProcess', z.string().min(1, 'is empty')],
} as const satisfies Record<string, readonly [keyof ConfigProfile, z.ZodType]>;

const accessKeyId = z.string().regex(ACCESS_KEY_ID, 'is not a long-term access key id (AKIA + 16 letters or digits)');
const secretAccessKey = z.string().regex(SECRET_ACCESS_KEY, 'is not a 40-character secret access key');
const temporaryKey = z.string().min(1, 'is empty');

function check<T>(schema: z.ZodType<T>, entry: IniEntry, file: string): T {
  const parsed = schema.safeParse(entry.value);
  if (parsed.success) return parsed.data;
  throw new AwsFileFormatError(file, entry.line, `${entry.key} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
}

function readConfigProfile(profile: string, block: IniBlock, file: string): ConfigProfile {
  const entries = sectionEntries(block, file);
  const out: ConfigProfile = { profile, file, line: block.line, managed: hasManagedMarker(entries), keys: entries.map((e) => e.key) };
  for (const entry of entries) {
    if (!Object.hasOwn(configFields, entry.key)) continue;
    const [field, schema] = configFields[entry.key as keyof typeof configFields];
    (out as unknown as Record<string, unknown>)[field] = check(schema as z.ZodType<unknown>, entry, file);
  }
  return out;
}

function readCredentialsProfile(profile: string, block: IniBlock, file: string): CredentialsProfile | null {
  const entries = sectionEntries(block, file);
  const get = (key: string) => entries.find((e) => e.key === key);
  const id = get('aws_access_key_id');
  const secret = get('aws_secret_access_key');
  if (!id || !secret) return null; // region-only or credential_process sections: nothing to import
  const temporary = get('aws_session_token') !== undefined;
  return {
    profile,
    file,
    line: block.line,
    managed: hasManagedMarker(entries),
    accessKeyId: check(temporary ? temporaryKey : accessKeyId, id, file),
    secretAccessKey: check(temporary ? temporaryKey : secretAccessKey, secret, file),
    temporary,
  };
}

/** Both files, missing ones read as empty. A malformed line throws AwsFileFormatError. */
export async function readAwsProfiles(options: AwsFilesOptions = {}): Promise<AwsProfiles> {
  const paths = resolveAwsFilePaths(options.env);
  const result: AwsProfiles = { paths, config: [], credentials: [], invalid: [], other: [] };
  const collect = <T>(profile: string, read: () => T | null, into: T[]) => {
    try {
      const value = read();
      if (value) into.push(value);
    } catch (err) {
      if (!(err instanceof AwsFileFormatError)) throw err;
      result.invalid.push({ profile, error: err });
    }
  };
  const config = splitIniBlocks(await readTextIfExists(paths.config, { setting: CONFIG_SETTING }), paths.config);
  for (const block of config) {
    const profile = block.name === null ? null : configSectionProfile(block.name);
    if (profile !== null) collect(profile, () => readConfigProfile(profile, block, paths.config), result.config);
    else if (block.name !== null) result.other.push({ section: block.name, file: paths.config, managed: hasManagedMarker(sectionEntries(block, paths.config)) });
  }
  const credentials = splitIniBlocks(await readTextIfExists(paths.credentials, { setting: CREDENTIALS_SETTING }), paths.credentials);
  for (const block of credentials) {
    const profile = block.name;
    if (profile !== null) {
      const before = result.credentials.length + result.invalid.length;
      collect(profile, () => readCredentialsProfile(profile, block, paths.credentials), result.credentials);
      if (result.credentials.length + result.invalid.length === before) {
        result.other.push({ section: profile, file: paths.credentials, managed: hasManagedMarker(sectionEntries(block, paths.credentials)) });
      }
    }
  }
  return result;
}

const USER_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key']);

/** The long-term key that was imported, so only its own lines are removed. */
export interface ImportedUserKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * True when the section holds exactly this key: every aws_access_key_id line (there may be
 * duplicates) equals the id and every aws_secret_access_key line the secret.
 */
function holdsKey(block: IniBlock, file: string, expected: ImportedUserKey): boolean {
  const entries = sectionEntries(block, file);
  const ids = entries.filter((e) => e.key === 'aws_access_key_id');
  const secrets = entries.filter((e) => e.key === 'aws_secret_access_key');
  return ids.length > 0 && secrets.length > 0 && ids.every((e) => e.value === expected.accessKeyId) && secrets.every((e) => e.value === expected.secretAccessKey);
}

/**
 * Deletes the long-term key lines of the credentials-file section(s) named `profile` once that
 * key is in the keychain. Only sections whose aws_access_key_id and aws_secret_access_key both
 * equal `expected` lose them, read under the lock: another section of the same name, or a key
 * changed since the import, is kept. Other keys and comments stay; the header goes only when no
 * key is left under it. Returns whether the file changed.
 */
export async function removeUserKeys(profile: string, expected: ImportedUserKey, options: AwsFilesOptions = {}): Promise<{ removed: boolean }> {
  validateProfileName(profile);
  if (expected.accessKeyId === '' || expected.secretAccessKey === '') {
    throw new RangeError('removeUserKeys needs the imported access key id and secret');
  }
  const paths = resolveAwsFilePaths(options.env);
  const file = paths.credentials;
  // A device (/dev/null) holds no key; no lock is made next to it, in /dev.
  if (await isSpecialFile(file)) return { removed: false };
  return withAwsFilesLock(paths, async () => {
    const before = await readTextIfExists(file, { setting: CREDENTIALS_SETTING });
    let blocks = splitIniBlocks(before, file);
    // From the end: an earlier index stays valid after a later block changes.
    for (let i = blocks.length - 1; i > 0; i--) {
      const block = blocks[i] as IniBlock;
      if (block.name !== profile || !holdsKey(block, file, expected)) continue;
      const lines = scanIni(block.text, file, block.line);
      let dropping = false;
      const kept = lines.filter((l) => {
        // A removed key takes its indented continuation lines with it.
        // Blank and comment lines never end a continuation (configparser's rule) and always stay.
        if (l.kind === 'option') dropping = USER_KEYS.has(l.key);
        else if (l.kind === 'header') dropping = false;
        return l.kind === 'blank' || l.kind === 'comment' || !dropping;
      });
      const keysLeft = kept.some((l) => l.kind === 'option');
      const text = kept
        .filter((l) => keysLeft || l.kind !== 'header')
        .map((l) => l.raw)
        .join('');
      blocks = replaceBlock(blocks, i, text);
    }
    const after = joinIniBlocks(blocks);
    if (after === before) return { removed: false };
    await writeFileAtomic(file, after, { setting: CREDENTIALS_SETTING });
    return { removed: true };
  });
}
