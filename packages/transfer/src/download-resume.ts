/**
 * Download checkpoints. A partial download lives in a temporary file beside
 * the destination; the record says which parts of it are already written
 * (with their CRC-64 when the object has one) and which object version they
 * came from. A record is trusted only while the remote object has the same
 * ETag, size and Last-Modified and the temporary file is still there.
 */
import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ObjectInfo } from './adapter.ts';
import type { CheckpointStore } from './checkpoint.ts';
import { sameEtag } from './upload-resume.ts';

export const TEMP_SUFFIX = '.yunstore-tmp';

export interface DownloadedPart {
  partNumber: number;
  /** CRC-64 of the part's bytes (decimal), when the download verifies CRC-64. */
  crc64?: string;
}

export interface DownloadCheckpoint {
  version: 1;
  kind: 'download';
  bucket: string;
  key: string;
  filePath: string;
  tempPath: string;
  partSize: number;
  object: ObjectInfo;
  parts: DownloadedPart[];
}

/** A fresh temporary path beside `dest`: `<dest>.<random>.yunstore-tmp`. */
export function tempPathFor(dest: string): string {
  return `${dest}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/** Only files we named may be deleted on the strength of a checkpoint record. */
export function isOurTempFor(dest: string, path: string): boolean {
  return (
    dirname(path) === dirname(dest) &&
    basename(path).startsWith(`${basename(dest)}.`) &&
    path.endsWith(TEMP_SUFFIX) &&
    /^\.[0-9a-f]{12}$/.test(basename(path).slice(basename(dest).length, -TEMP_SUFFIX.length))
  );
}

function isDownloadCheckpoint(value: unknown): value is DownloadCheckpoint {
  const v = value as Partial<DownloadCheckpoint> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    v.kind === 'download' &&
    typeof v.tempPath === 'string' &&
    typeof v.object === 'object' &&
    v.object !== null &&
    Array.isArray(v.parts)
  );
}

/** True when two `head` results describe the same object version. */
export function sameObject(a: ObjectInfo, b: ObjectInfo): boolean {
  return a.size === b.size && sameEtag(a.etag, b.etag) && a.lastModified === b.lastModified;
}

export interface RestoredDownload {
  tempPath: string;
  done: Map<number, DownloadedPart>;
}

/**
 * Loads and checks the record; returns what to continue from, or
 * `undefined` after deleting a stale record and its temporary file.
 */
export async function restoreDownload(args: {
  store: CheckpointStore;
  id: string;
  bucket: string;
  key: string;
  filePath: string;
  partSize: number;
  partCount: number;
  object: ObjectInfo;
  needCrc: boolean;
}): Promise<RestoredDownload | undefined> {
  const record = await args.store.load(args.id);
  if (!isDownloadCheckpoint(record)) return undefined;
  if (record.bucket !== args.bucket || record.key !== args.key || record.filePath !== args.filePath) return undefined;

  const discard = async (): Promise<undefined> => {
    if (isOurTempFor(args.filePath, record.tempPath)) await rm(record.tempPath, { force: true });
    await args.store.remove(args.id);
    return undefined;
  };
  if (!isOurTempFor(args.filePath, record.tempPath)) return discard();
  if (!sameObject(record.object, args.object) || record.partSize !== args.partSize) return discard();
  const temp = await stat(record.tempPath).catch(() => undefined);
  if (!temp?.isFile() || temp.size !== args.object.size) return discard();

  const done = new Map<number, DownloadedPart>();
  for (const part of record.parts) {
    if (!Number.isInteger(part.partNumber) || part.partNumber < 1 || part.partNumber > args.partCount) return discard();
    // A part saved without its CRC cannot join an end-to-end check: fetch it again.
    if (args.needCrc && typeof part.crc64 !== 'string') continue;
    done.set(part.partNumber, part);
  }
  return { tempPath: record.tempPath, done };
}
