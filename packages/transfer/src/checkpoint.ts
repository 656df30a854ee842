/**
 * Checkpoints: the small JSON records that let an interrupted upload or
 * download continue. A store is three async functions, so callers can keep
 * records anywhere (a folder by default, a database, memory in tests).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where checkpoints live. Records are plain JSON values. */
export interface CheckpointStore {
  /** The record saved under `id`, or `undefined` when there is none (or it is unreadable). */
  load(id: string): Promise<unknown>;
  save(id: string, record: unknown): Promise<void>;
  /** Removes the record; no error when it is already gone. */
  remove(id: string): Promise<void>;
}

/**
 * True for a value usable as a `CheckpointStore`: an object with `load`,
 * `save` and `remove` functions. The vendor packages validate their
 * `checkpoint` option with it before any request.
 */
export function isCheckpointStore(value: unknown): value is CheckpointStore {
  const v = value as Partial<CheckpointStore> | null;
  return typeof v === 'object' && v !== null && typeof v.load === 'function' && typeof v.save === 'function' && typeof v.remove === 'function';
}

/**
 * The `checkpoint` option of uploads and downloads:
 * `false` (default) no resume; `true` the default folder
 * (`os.tmpdir()/yunstore-checkpoints`); a string: that folder; or a store.
 */
export type CheckpointOption = boolean | string | CheckpointStore;

/** The default checkpoint folder: `<os.tmpdir()>/yunstore-checkpoints`. */
export function defaultCheckpointDir(): string {
  return join(tmpdir(), 'yunstore-checkpoints');
}

/**
 * A store keeping one `<id>.json` file per record in `dir`. Saves are
 * atomic (write a temporary file, then rename), so a crash mid-save leaves
 * the previous record intact.
 */
export function folderCheckpointStore(dir: string = defaultCheckpointDir()): CheckpointStore {
  const root = resolve(dir);
  const file = (id: string): string => {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new RangeError(`checkpoint id must be [A-Za-z0-9_-]+, got ${JSON.stringify(id)}`);
    return join(root, `${id}.json`);
  };
  return {
    async load(id) {
      try {
        return JSON.parse(await readFile(file(id), 'utf8')) as unknown;
      } catch {
        // Missing or half-written by an older crash: either way there is nothing to resume.
        return undefined;
      }
    },
    async save(id, record) {
      await mkdir(root, { recursive: true });
      const target = file(id);
      const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temp, JSON.stringify(record));
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async remove(id) {
      const target = file(id);
      await rm(target, { force: true });
      // Temporary files of saves cut short (kill -9 between write and rename) go with their record.
      await removeMatching(root, (name) => name.startsWith(`${id}.json.`) && name.endsWith('.tmp'));
    },
  };
}

/** A store in a Map: for tests, or for resuming within one process. */
export function memoryCheckpointStore(): CheckpointStore & { readonly records: Map<string, unknown> } {
  const records = new Map<string, unknown>();
  return {
    records,
    load: async (id) => structuredClone(records.get(id)),
    save: async (id, record) => {
      records.set(id, structuredClone(record));
    },
    remove: async (id) => {
      records.delete(id);
    },
  };
}

/** Resolves the `checkpoint` option to a store, or `undefined` for no resume. */
export function resolveCheckpointStore(option: CheckpointOption | undefined): CheckpointStore | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return folderCheckpointStore();
  if (typeof option === 'string') return folderCheckpointStore(option);
  if (!isCheckpointStore(option)) {
    throw new TypeError('checkpoint must be a boolean, a folder path or a store with load, save and remove');
  }
  return option;
}

/** A stable file-name-safe id for the identity fields of a transfer. */
export function checkpointId(kind: 'upload' | 'download', fields: ReadonlyArray<string | number>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([kind, ...fields]))
    .digest('hex');
  return `${kind}-${digest.slice(0, 40)}`;
}

/**
 * Saves a record at most one write at a time, coalescing bursts: while a
 * save runs, further requests collapse into one more save of the latest
 * state. Parts finish far faster than a JSON file can be rewritten for each.
 */
export class CheckpointWriter<T> {
  readonly #store: CheckpointStore;
  readonly #id: string;
  readonly #snapshot: () => T;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(store: CheckpointStore, id: string, snapshot: () => T) {
    this.#store = store;
    this.#id = id;
    this.#snapshot = snapshot;
  }

  /** Schedules a save of the current state. */
  request(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /**
   * Waits for pending saves, then saves the current state once more. A save
   * that failed in the background (disk full...) only loses progress that
   * this final save writes again, so background errors are not kept.
   */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#store.save(this.#id, this.#snapshot());
  }

  /** Waits for pending saves without writing again (before removing the record). */
  async settle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#store.save(this.#id, this.#snapshot()).catch(() => undefined);
    } while (this.#again);
  }
}

/** One file of a checkpoint folder, as `listCheckpoints` reports it. */
export interface CheckpointFile {
  /** The record id (`upload-…`, `download-…`), also for a leftover temporary file. */
  id: string;
  path: string;
  /** A temporary file left by a save that never finished (the process died between write and rename). */
  temporary: boolean;
  size: number;
  modified: Date;
}

/** The records and leftover temporary files in a checkpoint folder (default: `defaultCheckpointDir()`), oldest first. */
export async function listCheckpoints(dir: string = defaultCheckpointDir()): Promise<CheckpointFile[]> {
  const root = resolve(dir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const out: CheckpointFile[] = [];
  for (const name of names) {
    const match = /^([A-Za-z0-9_-]+)\.json(\.[0-9a-f]+\.tmp)?$/.exec(name);
    if (!match) continue;
    const path = join(root, name);
    try {
      const info = await stat(path);
      if (info.isFile()) out.push({ id: match[1]!, path, temporary: match[2] !== undefined, size: info.size, modified: info.mtime });
    } catch {
      // Removed while listing.
    }
  }
  return out.sort((a, b) => a.modified.getTime() - b.modified.getTime());
}

export interface ClearCheckpointsOptions {
  /** Only files not modified for this many milliseconds. Default 0: every file. */
  olderThanMs?: number;
  /** Only leftover temporary files, keeping resumable records. Default false. */
  temporaryOnly?: boolean;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Removes checkpoint records and leftover temporary files from a folder
 * (default: `defaultCheckpointDir()`); returns what was removed. After this,
 * the matching uploads and downloads start over instead of resuming (a
 * multipart upload left on the server expires by the bucket's lifecycle
 * rules, or is aborted with the vendor's abort call).
 */
export async function clearCheckpoints(dir: string = defaultCheckpointDir(), options: ClearCheckpointsOptions = {}): Promise<CheckpointFile[]> {
  const olderThan = options.olderThanMs ?? 0;
  if (!Number.isFinite(olderThan) || olderThan < 0) throw new RangeError(`olderThanMs must be a number >= 0, got ${olderThan}`);
  const now = (options.now ?? (() => new Date()))().getTime();
  const removed: CheckpointFile[] = [];
  for (const entry of await listCheckpoints(dir)) {
    if (options.temporaryOnly && !entry.temporary) continue;
    if (now - entry.modified.getTime() < olderThan) continue;
    await rm(entry.path, { force: true });
    removed.push(entry);
  }
  return removed;
}

async function removeMatching(root: string, wanted: (name: string) => boolean): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  await Promise.all(names.filter(wanted).map((name) => rm(join(root, name), { force: true })));
}
