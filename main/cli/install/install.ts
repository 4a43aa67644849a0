// Writes the shim planned by plan.ts. It replaces only a shim of our own (a reinstall after the app
// moved or updated) and refuses any other file at that path: a `rolecall` someone put there (an
// npm link, their own script) is theirs. The new file appears whole or not at all: written beside
// the target, then renamed over it, so a shell never runs half a script.
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { RolecallError } from '../../core/errors';
import { isCliShim, type CliInstallPlan } from './plan';

/** The file operations used, so tests can fail one on purpose. */
export type CliInstallFs = Pick<typeof fsPromises, 'mkdir' | 'readFile' | 'writeFile' | 'rename' | 'chmod' | 'rm'>;

export interface CliInstallResult {
  path: string;
  onPath: boolean;
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : 'failed';
}

function accessError(path: string, error: unknown): RolecallError {
  return new RolecallError(
    `Could not install the rolecall command at ${path} (${codeOf(error)}).`,
    'Check that this folder is yours and writable, then install the command line again.',
    'FileAccess',
  );
}

/** The text already at `path`, or undefined when there is nothing there. */
async function existingText(path: string, fs: CliInstallFs): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // A folder (or anything else unreadable as a file) at that path is not ours either.
    if (code === 'EISDIR') return '';
    throw accessError(path, error);
  }
}

export async function installCli(plan: CliInstallPlan, fs: CliInstallFs = fsPromises): Promise<CliInstallResult> {
  try {
    await fs.mkdir(plan.dir, { recursive: true });
  } catch (error) {
    throw accessError(plan.path, error);
  }
  // Checked before the rename, not atomically with it: a file someone drops there in between is
  // replaced, a window too small to be worth a lock.
  const existing = await existingText(plan.path, fs);
  if (existing !== undefined && !isCliShim(existing)) {
    throw new RolecallError(
      `${plan.path} already exists and was not written by Rolecall, so it was left as it is.`,
      'Remove or rename that file yourself if you want Rolecall to install its command there.',
      'CliPathTaken',
    );
  }
  // Same folder, so the rename is atomic; a random name, so two installs never share a temp file.
  const temp = `${plan.path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, plan.content, { mode: plan.mode, flag: 'wx' });
    // writeFile's mode passes through the umask; the shim must be executable for everyone who can
    // read it, as any command in a bin folder.
    await fs.chmod(temp, plan.mode);
    await fs.rename(temp, plan.path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw accessError(plan.path, error);
  }
  return { path: plan.path, onPath: plan.onPath };
}
