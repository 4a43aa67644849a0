import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { fileAccessError } from '../files/errors';
import { withFileLock } from '../files/lock';
import { sweepOnce } from '../files/owned-temp';
import { configDir } from '../config-dir';
import { RolecallError } from '../errors';
import { formatZodIssues } from '../zod-message';
import { CATALOG_VERSION, catalogSchema, emptyCatalog, type Catalog } from '../../../common/catalog-schema';

/** Reads and writes the catalog file; every change goes through `update` under a lock. */
export class CatalogStore {
  readonly path: string;

  constructor(readonly env: NodeJS.ProcessEnv = process.env) {
    this.path = join(configDir(env), 'catalog.json');
  }

  load(): Catalog {
    // A process killed mid-write left its temp copy here: the first load of a run removes it.
    sweepOnce(this.path);
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCatalog();
      throw fileAccessError(error, 'read', this.path, { setting: 'ROLECALL_CONFIG_DIR' });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RolecallError(`The catalog ${this.path} is not valid JSON.`, 'Restore it from a backup or move it aside to start with an empty catalog.');
    }
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > CATALOG_VERSION) {
      throw new RolecallError(`The catalog ${this.path} was written by a newer Rolecall (format ${version}).`, 'Update Rolecall to use it.');
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
    return withFileLock(
      this.path,
      async () => {
        const catalog = this.load();
        const result = await change(catalog);
        // Validate before writing: a change that breaks the schema must never reach the disk.
        const checked = catalogSchema.safeParse(catalog);
        if (!checked.success) throw new RolecallError(formatZodIssues(checked.error));
        await writeFileAtomic(this.path, `${JSON.stringify(checked.data, null, 2)}\n`);
        return result;
      },
      { lockfilePath: `${this.path}.lock`, what: 'the Rolecall catalog' },
    );
  }
}
