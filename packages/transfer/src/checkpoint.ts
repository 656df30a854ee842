/**
 * Checkpoints: the small JSON records that let an interrupted upload or
 * download continue. A store is three async functions, so callers can keep
 * records anywhere (a folder by default, a database, memory in tests).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
      await writeFile(temp, JSON.stringify(record));
      await rename(temp, target);
    },
    async remove(id) {
      await rm(file(id), { force: true });
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
