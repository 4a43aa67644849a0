// Writes a file so that a reader (the AWS CLI, an SDK, another Rolecall) sees either the old or
// the new content, never half of it, and a crash or power loss cannot leave it empty.
// An error the person can fix (ownership, a directory in the way, a full disk) comes out as a
// FileAccessError naming the file, not as a bare errno.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type FileErrorContext, fileAccessError } from './errors';
import { displayPath } from './paths';

/** Reads a text file; a missing file reads as empty (the AWS tools treat it the same way). */
export async function readTextIfExists(file: string, context: FileErrorContext = {}): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw fileAccessError(err, 'read', file, context);
  }
}

/**
 * mkdir -p, 0700 for what it creates (the directory holds secrets; an existing one keeps its mode:
 * it is the user's). A file in the way fails with ENOTDIR rather than mkdir's puzzling EEXIST.
 * Errors are raw errno errors: the caller knows which file it was making room for.
 */
export async function ensureDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const isDirectory = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (isDirectory) return;
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: dir });
  }
}

/** A symlinked ~/.aws/credentials (dotfiles repos) stays a symlink: we replace what it points to. */
async function resolveTarget(target: string): Promise<string> {
  try {
    return await realpath(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return path.resolve(target);
    throw err;
  }
}

export async function writeFileAtomic(target: string, text: string, context: FileErrorContext = {}): Promise<void> {
  let file = target;
  try {
    file = await resolveTarget(target);
    await writeResolved(file, text);
  } catch (err) {
    // A symlinked file is named as the person knows it and as what it points to; the hint is about
    // the folder the write really happens in.
    const shown = path.resolve(target) === file ? {} : { subject: `${displayPath(target)} (${displayPath(file)})` };
    throw fileAccessError(err, 'write', file, { ...shown, ...context });
  }
}

async function writeResolved(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await ensureDirectory(dir);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx' refuses to follow or reuse anything already at the temp path.
    const handle = await open(temp, 'wx', 0o600);
    try {
      // The umask can only narrow 0600, but be explicit: these files hold credentials.
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Replaces the old file in one step; its looser mode, if any, goes with it.
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Not every platform can open a directory (Windows): skip there. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Durability of the rename is best effort; the content is already safe on disk.
  } finally {
    await handle?.close();
  }
}
