import { constants, createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Blobs } from './blobs.ts';
import { ingest, type BodyCheck } from './digest.ts';

/** A blob's file name under `<dir>/blobs/`, e.g. `3f/3f9a…c1.bin`; always generated here, never from a key. */
export type FolderRef = string;

const READ_CHUNK = 256 * 1024;

/**
 * Bytes as files. Every new blob is written to `<dir>/tmp/` and renamed into
 * `<dir>/blobs/` only when complete, so no reader can open a half-written
 * blob; appends write past the recorded size and are cut back on failure.
 */
export function folderBlobs(dir: string): Blobs<FolderRef> & { pathOf(ref: FolderRef): string } {
  const blobsDir = join(dir, 'blobs');
  const tmpDir = join(dir, 'tmp');
  const pathOf = (ref: FolderRef): string => join(blobsDir, ref);

  /** Writes into a fresh temp file with `fill`, then renames it to a new blob. */
  const create = async <T>(fill: (fh: FileHandle, tmp: string) => Promise<T>): Promise<{ ref: FolderRef; result: T }> => {
    const id = randomBytes(16).toString('hex');
    const tmp = join(tmpDir, id);
    const ref = `${id.slice(0, 2)}/${id}.bin`;
    let result: T;
    const fh = await open(tmp, 'w');
    try {
      result = await fill(fh, tmp);
    } catch (err) {
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
    await fh.close();
    await mkdir(join(blobsDir, id.slice(0, 2)), { recursive: true });
    await rename(tmp, pathOf(ref));
    return { ref, result };
  };

  const writeAll = async (fh: FileHandle, body: Readable | Buffer, check: BodyCheck) =>
    ingest(
      body,
      async (chunk) => {
        await writeFully(fh, chunk);
      },
      check,
    );

  return {
    pathOf,
    async write(body, check) {
      const { ref, result } = await create((fh) => writeAll(fh, body, check));
      return { ref, digest: result };
    },

    async append(ref, size, body, check) {
      const fh = await open(pathOf(ref), 'r+');
      try {
        let position = size;
        const digest = await ingest(
          body,
          async (chunk) => {
            await writeFully(fh, chunk, position);
            position += chunk.length;
          },
          check,
        ).catch(async (err: unknown) => {
          await fh.truncate(size);
          throw err;
        });
        return { ref, digest };
      } finally {
        await fh.close();
      }
    },

    async read(ref, size, range) {
      const start = range?.start ?? 0;
      const end = range?.end ?? size - 1;
      // Open now, so a vanished file fails here (ENOENT) rather than mid-response.
      const fh = await open(pathOf(ref), 'r');
      if (end < start) {
        await fh.close();
        return Readable.from([], { objectMode: false });
      }
      return fh.createReadStream({ start, end, highWaterMark: READ_CHUNK, autoClose: true });
    },

    async concat(parts) {
      const { ref } = await create(async (fh) => {
        let position = 0;
        for (const p of parts) {
          if (p.size === 0) continue;
          for await (const chunk of createReadStream(pathOf(p.ref), { start: 0, end: p.size - 1, highWaterMark: READ_CHUNK })) {
            await writeFully(fh, chunk as Buffer, position);
            position += (chunk as Buffer).length;
          }
        }
      });
      return ref;
    },

    async clone(ref) {
      const { ref: copy } = await create(async (_fh, tmp) => {
        // Reflink where the file system can, a plain copy elsewhere.
        await copyFile(pathOf(ref), tmp, constants.COPYFILE_FICLONE);
      });
      return copy;
    },

    async remove(ref) {
      await rm(pathOf(ref), { force: true });
    },
  };
}

async function writeFully(fh: FileHandle, chunk: Buffer, position?: number): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, done, chunk.length - done, position === undefined ? null : position + done);
    done += bytesWritten;
  }
}
