import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { writeFileAtomic } from '../aws-files/atomic-write';
import { configDir } from '../config-dir';
import { RolecallError } from '../errors';
import { formatZodIssues } from '../zod-message';
import { CATALOG_VERSION, catalogSchema, emptyCatalog, type Catalog } from './schema';

/** Reads and writes the catalog file; every change goes through `update` under a lock. */
export class CatalogStore {
  readonly path: string;

  constructor(readonly env: NodeJS.ProcessEnv = process.env) {
    this.path = join(configDir(env), 'catalog.json');
  }

  load(): Catalog {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCatalog();
      throw new RolecallError(`Cannot read the catalog ${this.path}: ${(error as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RolecallError(
        `The catalog ${this.path} is not valid JSON.`,
        'Restore it from a backup or move it aside to start with an empty catalog.',
      );
    }
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > CATALOG_VERSION) {
      throw new RolecallError(
        `The catalog ${this.path} was written by a newer Rolecall (format ${version}).`,
        'Update Rolecall to use it.',
      );
    }
    const parsed = catalogSchema.safeParse(data);
    if (!parsed.success) {
      throw new RolecallError(
        `The catalog ${this.path} is invalid: ${formatZodIssues(parsed.error)}`,
        'Fix or remove the entry named there, or move the file aside to start again.',
      );
    }
    return parsed.data;
  }

  /** Applies `change` to the current catalog under a cross-process lock and saves the result. */
  async update<T>(change: (catalog: Catalog) => T | Promise<T>): Promise<T> {
    mkdirSync(configDir(this.env), { recursive: true, mode: 0o700 });
    const release = await lockfile
      .lock(this.path, {
        realpath: false,
        lockfilePath: `${this.path}.lock`,
        stale: 10_000,
        retries: { retries: 100, minTimeout: 10, maxTimeout: 100, randomize: true },
      })
      .catch(() => {
        throw new RolecallError(`Another Rolecall process is holding the catalog lock (${this.path}.lock).`, 'Try again in a moment.');
      });
    try {
      const catalog = this.load();
      const result = await change(catalog);
      // Validate before writing: a change that breaks the schema must never reach the disk.
      const checked = catalogSchema.safeParse(catalog);
      if (!checked.success) throw new RolecallError(formatZodIssues(checked.error));
      await writeFileAtomic(this.path, `${JSON.stringify(checked.data, null, 2)}\n`);
      return result;
    } finally {
      await release();
    }
  }
}
