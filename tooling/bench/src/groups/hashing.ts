import { createHash, randomFillSync } from 'node:crypto';
import * as zlib from 'node:zlib';
import { importOurs, pickFunction } from '../load.ts';
import { compareOps, makeRow } from '../runner.ts';
import { referenceCrc64 } from './crc64-reference.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';

type Hasher = (data: Uint8Array) => unknown;

/**
 * CRC-64 and MD5 throughput over one in-memory buffer (MB/s = 10^6 bytes/s):
 * core's `crc64` vs the usual byte-at-a-time port (and node:zlib's native
 * CRC-32 for scale, when this Node has it); core's `md5Hex` vs calling
 * node:crypto directly (it should cost nothing on top).
 */
export const hashingGroup: BenchGroup = {
  id: 'hashing',
  title: 'CRC-64 and MD5 throughput',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const size = (ctx.quick ? 8 : 64) * 2 ** 20;
    const data = randomFillSync(Buffer.allocUnsafe(size));
    const options = ctx.quick ? { warmupMs: 300, rounds: 3, roundMs: 250 } : { warmupMs: 1000, rounds: 7, roundMs: 500 };
    const mbPerOp = size / 1e6;
    const note = `${size / 2 ** 20} MiB buffer`;
    const core = await importOurs('@yunstore/core');
    const skip = (name: string, reason: string): void => {
      skips.push({ group: 'hashing', name, reason, command: ctx.command(name) });
      ctx.log(`  skip ${name}: ${reason}`);
    };

    if (ctx.selected('hashing.crc64')) {
      const crc = core.ok ? pickFunction<Hasher>(core.value, ['crc64'], '@yunstore/core crc64') : core;
      if (!crc.ok) skip('hashing.crc64', crc.reason);
      else {
        const ours = crc.value;
        if (ours(data) !== referenceCrc64(data)) throw new Error('crc64 and the reference disagree on the benchmark buffer');
        const zlibCrc32 = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
        const ops: Array<() => unknown> = [() => ours(data), () => referenceCrc64(data)];
        if (zlibCrc32) ops.push(() => zlibCrc32(data));
        ctx.log('  hashing.crc64 ...');
        const m = await compareOps(ops, options);
        const base = {
          group: 'hashing',
          name: 'hashing.crc64',
          label: 'CRC-64/XZ (core crc64)',
          ours: m[0]! * mbPerOp,
          unit: 'MB/s',
          higherIsBetter: true,
          command: ctx.command('hashing.crc64'),
          note,
        };
        rows.push(makeRow({ ...base, anchor: m[1]! * mbPerOp, anchorName: 'byte-at-a-time table CRC-64 (usual JS port)' }));
        if (zlibCrc32) rows.push(makeRow({ ...base, anchor: m[2]! * mbPerOp, anchorName: 'node:zlib crc32, native C (for scale)' }));
      }
    }

    if (ctx.selected('hashing.md5')) {
      const md5 = core.ok ? pickFunction<Hasher>(core.value, ['md5Hex'], '@yunstore/core md5Hex') : core;
      if (!md5.ok) skip('hashing.md5', md5.reason);
      else {
        const ours = md5.value;
        ctx.log('  hashing.md5 ...');
        const m = await compareOps([() => ours(data), () => createHash('md5').update(data).digest('hex')], options);
        rows.push(
          makeRow({
            group: 'hashing',
            name: 'hashing.md5',
            label: 'MD5 (core md5Hex)',
            ours: m[0]! * mbPerOp,
            anchor: m[1]! * mbPerOp,
            anchorName: 'node:crypto createHash("md5")',
            unit: 'MB/s',
            higherIsBetter: true,
            command: ctx.command('hashing.md5'),
            note,
          }),
        );
      }
    }
    return { rows, skips };
  },
};
