// Writes a file so that a reader (the AWS CLI, an SDK, another Rolecall) sees either the old or
// the new content, never half of it, and a crash or power loss cannot leave it empty.
// An error the person can fix (ownership, a directory in the way, a full disk) comes out as a
// FileAccessError naming the file, not as a bare errno.
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, readFile, readlink, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fsStep } from '../test-hooks';
import { type FileErrorContext, HardLinkedFileError, NotARegularFileError, type SpecialFileKind, fileAccessError } from './errors';
import { ownedTempPath, sweepDeadTemps, sweepOnce } from './owned-temp';
import { displayPath } from './display-path';

/** Reads a text file; a missing file reads as empty (the AWS tools treat it the same way). */
export async function readTextIfExists(file: string, context: FileErrorContext = {}): Promise<string> {
  // A process killed mid-write left its temp file (live keys) here: the first read removes it.
  sweepOnce(file);
  try {
    // A pipe or socket would block the read or fail in a puzzling way; a device reads as what it
    // gives (/dev/null: empty), as the AWS tools read it.
    const kind = specialKind(await stat(file));
    if (kind === 'FIFO' || kind === 'socket') throw new NotARegularFileError(file, kind, context);
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
    const isDirectory = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDirectory) return;
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: dir });
  }
}

/**
 * Where a write to `target` really goes: symbolic links are followed (a ~/.aws/credentials linked
 * into a dotfiles repo stays a link, and we replace what it points to; a dangling link gets its
 * target created) and what is there, if anything.
 */
async function followLinks(target: string): Promise<{ file: string; stats?: Stats }> {
  let file = path.resolve(target);
  for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
    let stats: Stats;
    try {
      stats = await lstat(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { file };
      throw err;
    }
    if (!stats.isSymbolicLink()) return { file, stats };
    file = path.resolve(path.dirname(file), await readlink(file));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links, '${target}'`), { code: 'ELOOP', path: target });
}

// The limit Linux applies when it follows links itself.
const MAX_LINK_HOPS = 40;

/** Only regular files with no other hard link are replaced (see NotARegularFileError, HardLinkedFileError). */
function assertReplaceable(file: string, stats: Stats | undefined, context: FileErrorContext): void {
  if (!stats) return;
  if (stats.isFile()) {
    if (stats.nlink > 1) throw new HardLinkedFileError(file, stats.nlink - 1, context);
    return;
  }
  // A folder gets the errno wording every other read and write of it gets (FileAccessError).
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, '${file}'`), { code: 'EISDIR', path: file });
  throw new NotARegularFileError(file, specialKind(stats) ?? 'device', context);
}

function specialKind(stats: Stats): SpecialFileKind | undefined {
  if (stats.isFile() || stats.isSymbolicLink()) return undefined;
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  return 'device';
}

/** A symlinked file is named as the person knows it and as what it points to. */
function namedContext(target: string, file: string, context: FileErrorContext): FileErrorContext {
  return path.resolve(target) === file ? context : { subject: `${displayPath(target)} (${displayPath(file)})`, ...context };
}

/**
 * Refuses, before anything is asked of AWS, a target writeFileAtomic would refuse: a device, a
 * folder, a pipe or socket, a hard-linked file (through any symbolic links).
 */
export async function assertWritableTarget(target: string, context: FileErrorContext = {}): Promise<void> {
  let file = path.resolve(target);
  try {
    const found = await followLinks(target);
    file = found.file;
    // A folder is reported by the read that comes next, as for every other command.
    if (!found.stats?.isDirectory()) assertReplaceable(file, found.stats, namedContext(target, file, context));
  } catch (err) {
    throw fileAccessError(err, 'write', file, namedContext(target, file, context));
  }
}

/** Whether `target` (through symbolic links) is a device, pipe or socket: no profile lives there. */
export async function isSpecialFile(target: string): Promise<boolean> {
  try {
    const { stats } = await followLinks(target);
    return stats !== undefined && !stats.isFile() && !stats.isDirectory();
  } catch {
    return false; // the read or write that follows reports it
  }
}

export interface WriteOptions extends FileErrorContext {
  /**
   * Keep an existing file's permissions (the config file: 0644 is the user's choice). Otherwise
   * the file is made 0600, as it holds secrets.
   */
  keepMode?: boolean;
}

export interface WriteOutcome {
  /** The mode an existing file had when this write narrowed it to 0600 (it was readable by others). */
  tightenedFrom?: number;
}

const PRIVATE_MODE = 0o600;

export async function writeFileAtomic(target: string, text: string, options: WriteOptions = {}): Promise<WriteOutcome> {
  const { keepMode, ...context } = options;
  let file = path.resolve(target);
  try {
    const found = await followLinks(target);
    file = found.file;
    assertReplaceable(file, found.stats, namedContext(target, file, context));
    return await writeResolved(file, text, found.stats, keepMode === true);
  } catch (err) {
    // The hint is about the folder the write really happens in.
    throw fileAccessError(err, 'write', file, namedContext(target, file, context));
  }
}

async function writeResolved(file: string, text: string, existing: Stats | undefined, keepMode: boolean): Promise<WriteOutcome> {
  const dir = path.dirname(file);
  await ensureDirectory(dir);
  sweepDeadTemps(file);
  const oldMode = existing ? existing.mode & 0o7777 : undefined;
  const mode = keepMode && oldMode !== undefined ? oldMode : PRIVATE_MODE;
  const temp = ownedTempPath(file);
  try {
    fsStep();
    // 'wx' refuses to follow or reuse anything already at the temp path.
    const handle = await open(temp, 'wx', PRIVATE_MODE);
    try {
      fsStep();
      await handle.writeFile(text, 'utf8');
      // The replacement keeps the owner of the file it replaces (root editing a user's file, a
      // file of a shared group), before its mode: chown clears set-id bits.
      if (existing && process.getuid && (existing.uid !== process.getuid() || existing.gid !== process.getgid?.())) {
        fsStep();
        await handle.chown(existing.uid, existing.gid);
      }
      fsStep();
      // Explicit: the umask could only narrow it, and a kept mode may be wider than 0600.
      await handle.chmod(mode);
      fsStep();
      await handle.sync();
    } finally {
      await handle.close();
    }
    fsStep();
    // Replaces the old file in one step.
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
  return oldMode !== undefined && !keepMode && (oldMode & 0o077) !== 0 ? { tightenedFrom: oldMode } : {};
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
