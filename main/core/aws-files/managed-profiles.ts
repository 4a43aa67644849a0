// The profiles Rolecall writes into the shared AWS files. A section is ours only if it carries the
// marker key; anything else in the files belongs to the user and is never changed. Among managed
// sections, the owner key says which catalog wrote one (markers.ts).
import { catalogId } from '../config-dir';
import { NAME, REGION } from '../../../common/rules';
import { assertWritableTarget, isSpecialFile, readTextIfExists, writeFileAtomic } from '../files/atomic-write';
import { InvalidProfileNameError, RolecallError, UnmanagedProfileError } from './errors';
import {
  type IniBlock,
  appendBlock,
  detectEol,
  findSections,
  joinIniBlocks,
  removeBlock,
  replaceBlock,
  sectionEntries,
  splitIniBlocks,
  trailingTrivia,
} from './ini-blocks';
import { withAwsFilesLock } from './lock';
import { CATALOG_KEY, EXPIRES_KEY, MANAGED_MARKER_KEY, hasManagedMarker, sectionCatalog } from './markers';
import { type AwsFilePaths, CONFIG_SETTING, CREDENTIALS_SETTING, displayPath, resolveAwsFilePaths } from './paths';

export interface AwsFilesOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Told when a write narrowed the credentials file to 0600 (it was readable by others): the
   * front end says so once, on the run that did it. `mode` is the old one, e.g. "0644".
   */
  onTightened?: (file: string, mode: string) => void;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

// A ']' or a newline in a name would close our header and inject a section of its own: NAME
// (domain rules) allows neither.

export function validateProfileName(name: string): void {
  if (!NAME.test(name)) throw new InvalidProfileNameError(name);
}

/** Config-file section name for a profile: `[default]` or `[profile name]`. */
export function configSectionName(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/** The profile a config-file section defines, or null (sso-session, services, …). */
export function configSectionProfile(section: string): string | null {
  if (section === 'default') return 'default';
  const match = /^profile\s+(.+)$/.exec(section);
  return match ? (match[1] ?? '').trim() : null;
}

function isManaged(block: IniBlock, file: string): boolean {
  return hasManagedMarker(sectionEntries(block, file));
}

/** A managed section the catalog `owner` (null: the default one) wrote. */
function isOwnedBy(block: IniBlock, file: string, owner: string | null): boolean {
  const entries = sectionEntries(block, file);
  return hasManagedMarker(entries) && sectionCatalog(entries) === owner;
}

interface FileState {
  file: string;
  /** The environment variable that names the file, for error hints. */
  setting: string;
  /** The config file keeps its mode (often 0644); the credentials file holds secrets: 0600. */
  keepMode: boolean;
  before: string;
  blocks: IniBlock[];
  /** Sections naming the profile (usually one; `[default]` and `[profile default]` both count). */
  matches: number[];
}

async function load(file: string, setting: string, keepMode: boolean, matches: (section: string) => boolean): Promise<FileState> {
  const before = await readTextIfExists(file, { setting });
  const blocks = splitIniBlocks(before, file);
  return { file, setting, keepMode, before, blocks, matches: findSections(blocks, matches) };
}

function credentialsState(paths: AwsFilePaths, profile: string): Promise<FileState> {
  return load(paths.credentials, CREDENTIALS_SETTING, false, (s) => s === profile);
}

function configState(paths: AwsFilePaths, profile: string): Promise<FileState> {
  return load(paths.config, CONFIG_SETTING, true, (s) => configSectionProfile(s) === profile);
}

function assertAllManaged(state: FileState, profile: string): void {
  if (state.matches.some((i) => !isManaged(state.blocks[i] as IniBlock, state.file))) {
    throw new UnmanagedProfileError(profile, state.file);
  }
}

// Keys that make the AWS CLI and SDKs resolve a profile some other way, ahead of static keys in
// the credentials file: credentials Rolecall wrote under that name would be silently ignored.
const OVERRIDING_KEYS = new Set(['role_arn', 'credential_process', 'sso_session', 'sso_start_url', 'web_identity_token_file']);

function assertConfigDoesNotOverride(state: FileState, profile: string): void {
  for (const i of state.matches) {
    const block = state.blocks[i] as IniBlock;
    if (isManaged(block, state.file)) continue;
    const key = sectionEntries(block, state.file).find((e) => OVERRIDING_KEYS.has(e.key))?.key;
    if (key) {
      throw new RolecallError(
        `Profile '${profile}' in ${displayPath(state.file)} sets ${key}, so AWS tools would ignore the credentials Rolecall writes under that name.`,
        'Give the role another --profile (rolecall role add … --profile <name>).',
        'ProfileOverridden',
      );
    }
  }
}

function validateRegion(region: string | undefined): void {
  if (region !== undefined && !REGION.test(region)) {
    throw new RolecallError(`Invalid region ${JSON.stringify(region)}.`, 'Use a region name such as eu-west-1.');
  }
}

/**
 * Checks, before any STS call (and any MFA prompt), that writeManagedProfile with the same
 * profile and region would succeed: no unmanaged section of that name in the credentials file,
 * no config profile that would take precedence over it, and, when a region will be written, no
 * unmanaged config section of that profile either.
 */
export async function assertProfileWritable(profile: string, options: AwsFilesOptions & { region?: string } = {}): Promise<void> {
  validateProfileName(profile);
  validateRegion(options.region);
  const paths = resolveAwsFilePaths(options.env);
  // A device, folder or hard-linked file is refused now, not after AWS issued a session.
  await assertWritableTarget(paths.credentials, { setting: CREDENTIALS_SETTING });
  if (options.region !== undefined) await assertWritableTarget(paths.config, { setting: CONFIG_SETTING });
  assertAllManaged(await credentialsState(paths, profile), profile);
  const config = await configState(paths, profile);
  assertConfigDoesNotOverride(config, profile);
  if (options.region !== undefined) assertAllManaged(config, profile);
}

/**
 * When a role is saved: its profile name is not one the person's own sections in the shared AWS
 * files use (or set up another way), so the clash is said then, naming the profile and the file,
 * and not at the first assume. Files that are devices or missing hold no clash; nothing is written.
 */
export async function assertProfileFree(profile: string, options: AwsFilesOptions & { region?: string } = {}): Promise<void> {
  validateProfileName(profile);
  const paths = resolveAwsFilePaths(options.env);
  if (!(await isSpecialFile(paths.credentials))) assertAllManaged(await credentialsState(paths, profile), profile);
  if (await isSpecialFile(paths.config)) return;
  const config = await configState(paths, profile);
  assertConfigDoesNotOverride(config, profile);
  if (options.region !== undefined) assertAllManaged(config, profile);
}

/** Writes our section in place of the managed one(s), or at the end of the file. */
function upsert(state: FileState, section: string, pairs: [string, string][]): string {
  const eol = detectEol(state.before);
  const body = [`[${section}]`, ...pairs.map(([k, v]) => `${k} = ${v}`)].join(eol) + eol;
  const [first, ...extra] = state.matches;
  if (first === undefined) return joinIniBlocks(appendBlock(state.blocks, section, body));
  let blocks = state.blocks;
  // Later duplicates first, so the earlier indexes stay valid.
  for (const i of extra.reverse()) blocks = removeBlock(blocks, i, trailingTrivia(blocks[i] as IniBlock, state.file));
  const old = blocks[first] as IniBlock;
  const trivia = trailingTrivia(old, state.file);
  // The last section of a file without a final newline keeps it that way.
  const text = trivia === '' && !old.text.endsWith('\n') ? body.slice(0, -eol.length) : body + trivia;
  return joinIniBlocks(replaceBlock(blocks, first, text));
}

/** When a managed credentials section's session ends (EXPIRES_KEY), or null when it does not say. */
function sectionExpiry(block: IniBlock, file: string): number | null {
  const raw = sectionEntries(block, file).find((e) => e.key === EXPIRES_KEY)?.value;
  const ms = raw === undefined ? Number.NaN : Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}

/** Removes the sections `removable` accepts; returns the new text (unchanged when there were none). */
function removeManaged(state: FileState, removable: (block: IniBlock, file: string) => boolean): string {
  let blocks = state.blocks;
  for (const i of [...state.matches].reverse()) {
    const block = blocks[i] as IniBlock;
    if (removable(block, state.file)) blocks = removeBlock(blocks, i, trailingTrivia(block, state.file));
  }
  return joinIniBlocks(blocks);
}

async function writeIfChanged(state: FileState, after: string, options: AwsFilesOptions): Promise<boolean> {
  if (after === state.before) return false;
  const { tightenedFrom } = await writeFileAtomic(state.file, after, { setting: state.setting, keepMode: state.keepMode });
  if (tightenedFrom !== undefined) options.onTightened?.(state.file, `0${tightenedFrom.toString(8)}`);
  return true;
}

// Values go into `key = value` lines: a line break would inject keys or sections.
function assertSingleLine(label: string, value: string): void {
  if (value === '' || /[\r\n]/.test(value)) {
    throw new RolecallError(`Refusing to write ${label} into the AWS files: it is empty or spans several lines.`);
  }
}

export interface WriteProfileOptions extends AwsFilesOptions {
  region?: string;
  /**
   * Written when there is no `region` and the config file has no section of the user's own for
   * the profile (which would supply its settings, and is never touched): the region the session
   * was obtained in, since AWS CLI v1 refuses a profile without one.
   */
  fallbackRegion?: string;
  /**
   * Only replace credentials this catalog already wrote under that name (checked under the lock):
   * a renewal must not bring back a profile that `stop` removed a moment ago, take over the one
   * another catalog wrote, nor touch the config file. Returns false when there was nothing to replace.
   */
  onlyIfWritten?: boolean;
}

export async function writeManagedProfile(profile: string, creds: SessionCredentials, options: WriteProfileOptions = {}): Promise<boolean> {
  validateProfileName(profile);
  assertSingleLine('the access key id', creds.accessKeyId);
  assertSingleLine('the secret access key', creds.secretAccessKey);
  assertSingleLine('the session token', creds.sessionToken);
  if (Number.isNaN(creds.expiration.getTime())) throw new RolecallError('Refusing to write a profile with an invalid expiration date.');
  validateRegion(options.region);
  validateRegion(options.fallbackRegion);
  const { region, fallbackRegion } = options;
  const paths = resolveAwsFilePaths(options.env);
  const owner = catalogId(options.env);
  // A rewrite makes the section this catalog's: its bulk removals are the ones to clear it now.
  const ownerPair: [string, string][] = owner === null ? [] : [[CATALOG_KEY, owner]];
  // A device (/dev/null) holds no profile to refresh; any other write to one is refused here,
  // before a lock would be made next to it, in /dev.
  if (await isSpecialFile(paths.credentials)) {
    if (options.onlyIfWritten) return false;
    await assertWritableTarget(paths.credentials, { setting: CREDENTIALS_SETTING });
  }
  if (region !== undefined && !options.onlyIfWritten && (await isSpecialFile(paths.config))) {
    await assertWritableTarget(paths.config, { setting: CONFIG_SETTING });
  }
  return withAwsFilesLock(paths, async () => {
    // Read inside the lock: what another process wrote a moment ago is kept.
    const credentials = await credentialsState(paths, profile);
    if (options.onlyIfWritten && !credentials.matches.some((i) => isOwnedBy(credentials.blocks[i] as IniBlock, credentials.file, owner))) {
      return false;
    }
    const config = (region ?? fallbackRegion) === undefined || options.onlyIfWritten ? undefined : await configState(paths, profile);
    // Check both files before writing either, so a refusal leaves both untouched.
    assertAllManaged(credentials, profile);
    if (config && region !== undefined) assertAllManaged(config, profile);
    const configIsOurs = config !== undefined && config.matches.every((i) => isManaged(config.blocks[i] as IniBlock, config.file));
    const regionToWrite = region ?? (configIsOurs ? fallbackRegion : undefined);
    await writeIfChanged(
      credentials,
      upsert(credentials, profile, [
        ['aws_access_key_id', creds.accessKeyId],
        ['aws_secret_access_key', creds.secretAccessKey],
        ['aws_session_token', creds.sessionToken],
        [EXPIRES_KEY, creds.expiration.toISOString()],
        [MANAGED_MARKER_KEY, 'true'],
        ...ownerPair,
      ]),
      options,
    );
    if (config && regionToWrite !== undefined) {
      await writeIfChanged(config, upsert(config, configSectionName(profile), [['region', regionToWrite], [MANAGED_MARKER_KEY, 'true'], ...ownerPair]), options);
    }
    return true;
  });
}

export interface RemoveResult {
  /** A Rolecall section was removed from at least one file. */
  removed: boolean;
  /** A section of that name exists that Rolecall does not manage; it was left alone. */
  unmanaged: boolean;
}

export interface OwnOptions extends AwsFilesOptions {
  /**
   * Only this catalog's sections (see CATALOG_KEY): what bulk removals and `status` ask for, so
   * another catalog's profiles are left to it. A removal by name (`stop <role>`) takes any.
   */
  onlyOwn?: boolean;
}

export interface RemoveOptions extends OwnOptions {
  /**
   * Only if the credentials it holds ended by this instant (checked under the lock, so a profile
   * an assume has just rewritten with a new session stays); its config section goes with it.
   */
  endedBy?: number;
}

export async function removeManagedProfile(profile: string, options: RemoveOptions = {}): Promise<RemoveResult> {
  validateProfileName(profile);
  const paths = resolveAwsFilePaths(options.env);
  const owner = catalogId(options.env);
  const { endedBy } = options;
  let credentialsEnded = true;
  // Checked under the lock: another catalog may have rewritten the section since it was listed.
  const removable = (block: IniBlock, file: string) => {
    if (!(options.onlyOwn ? isOwnedBy(block, file, owner) : isManaged(block, file))) return false;
    if (endedBy === undefined) return true;
    if (file !== paths.credentials) return credentialsEnded;
    const expiry = sectionExpiry(block, file);
    credentialsEnded = expiry !== null && expiry <= endedBy;
    return credentialsEnded;
  };
  // A device (/dev/null) holds no profile: it is neither read nor locked (a lock would go in /dev).
  const credentialsIsFile = !(await isSpecialFile(paths.credentials));
  const configIsFile = !(await isSpecialFile(paths.config));
  const result: RemoveResult = { removed: false, unmanaged: false };
  if (!credentialsIsFile && !configIsFile) return result;
  const besides = credentialsIsFile ? paths.credentials : paths.config;
  return withAwsFilesLock(
    paths,
    async () => {
      const states = [...(credentialsIsFile ? [await credentialsState(paths, profile)] : []), ...(configIsFile ? [await configState(paths, profile)] : [])];
      for (const state of states) {
        result.unmanaged ||= state.matches.some((i) => !isManaged(state.blocks[i] as IniBlock, state.file));
        result.removed = (await writeIfChanged(state, removeManaged(state, removable), options)) || result.removed;
      }
      return result;
    },
    { besides },
  );
}

export interface ManagedProfile {
  profile: string;
  /** From x_security_token_expires; null when missing or unreadable. */
  expiration: Date | null;
  /** The catalog that wrote it (CATALOG_KEY); null for the default catalog and older Rolecalls. */
  catalog: string | null;
}

/**
 * Rolecall's sections in the credentials file. No lock: files are only ever replaced by rename, so
 * a read sees one whole version, and taking the lock would make `status` wait behind writers.
 */
export async function listManagedProfiles(options: OwnOptions = {}): Promise<ManagedProfile[]> {
  const { credentials } = resolveAwsFilePaths(options.env);
  const blocks = splitIniBlocks(await readTextIfExists(credentials, { setting: CREDENTIALS_SETTING }), credentials);
  const owner = catalogId(options.env);
  const out: ManagedProfile[] = [];
  for (const block of blocks) {
    if (block.name === null) continue;
    const entries = sectionEntries(block, credentials);
    if (!hasManagedMarker(entries)) continue;
    const catalog = sectionCatalog(entries);
    if (options.onlyOwn && catalog !== owner) continue;
    const raw = entries.find((e) => e.key === EXPIRES_KEY)?.value;
    const date = raw === undefined ? null : new Date(raw);
    out.push({ profile: block.name, expiration: date && !Number.isNaN(date.getTime()) ? date : null, catalog });
  }
  return out;
}
