/**
 * The whole-object CRC-64 of a multipart upload, combined from the per-part
 * CRC-64s the send loop computed over the buffers it sent (so no byte is
 * read twice). Parts an earlier, interrupted call sent and whose CRC-64 was
 * not recorded are read once more from the file.
 */
import type { FileHandle } from 'node:fs/promises';
import { crc64, crc64Combine } from '@yunstore/core';
import { partAt, type PartPlan } from './parts.ts';
import { readFully, type PartBufferPool } from './part-buffers.ts';

/** Combines `known` (part number → CRC-64) over every part of `plan`, in order. */
export async function objectCrc64(plan: PartPlan, known: ReadonlyMap<number, bigint>, file: FileHandle, buffers: PartBufferPool): Promise<bigint> {
  let crc = 0n;
  for (let n = 1; n <= plan.count; n++) {
    const part = partAt(plan, n);
    let partCrc = known.get(n);
    if (partCrc === undefined) {
      const buffer = buffers.acquire();
      try {
        const view = buffer.subarray(0, part.length);
        await readFully(file, view, part.start);
        partCrc = crc64(view);
      } finally {
        buffers.release(buffer);
      }
    }
    crc = n === 1 ? partCrc : crc64Combine(crc, partCrc, part.length);
  }
  return crc;
}
