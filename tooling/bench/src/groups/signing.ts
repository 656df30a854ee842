import { createHmac } from 'node:crypto';
import { importOurs } from '../load.ts';
import { compareOps, makeRow } from '../runner.ts';
import { CREDENTIALS, FLOOR_HASH, type Scheme } from './signing-fixture.ts';
import { ourSigner } from './signing-ours.ts';
import { vendorSigner } from './signing-vendors.ts';
import type { BenchGroup, BenchRow, GroupOutcome, Skip } from '../model.ts';

const SCHEMES: ReadonlyArray<{ scheme: Scheme; label: string }> = [
  { scheme: 'cos', label: 'COS q-sign-algorithm=sha1 header signature' },
  { scheme: 'bos', label: 'BOS bce-auth-v1 header signature' },
  { scheme: 'nos', label: 'NOS header signature' },
  { scheme: 's3v2', label: 'OOS S3 V2 header signature' },
  { scheme: 's3v4', label: 'OOS S3 V4 header signature' },
];

/**
 * Signing throughput per scheme: our pure signer vs the vendor's own signer
 * and vs a bare HMAC floor (one node:crypto HMAC over a string as long as the
 * scheme's string-to-sign: no signer can beat it by much).
 */
export const signingGroup: BenchGroup = {
  id: 'signing',
  title: 'Signing throughput',
  async run(ctx): Promise<GroupOutcome> {
    const rows: BenchRow[] = [];
    const skips: Skip[] = [];
    const options = ctx.quick ? { warmupMs: 300, rounds: 3, roundMs: 200 } : { warmupMs: 600, rounds: 7, roundMs: 300 };
    const sign = await importOurs('@yunstore/core/sign');
    for (const { scheme, label } of SCHEMES) {
      const name = `signing.${scheme}`;
      if (!ctx.selected(name)) continue;
      const skip = (reason: string): void => {
        skips.push({ group: 'signing', name, reason, command: ctx.command(name) });
        ctx.log(`  skip ${name}: ${reason}`);
      };
      if (!sign.ok) {
        skip(sign.reason);
        continue;
      }
      const ours = ourSigner(scheme, sign.value);
      if (!ours.ok) {
        skip(ours.reason);
        continue;
      }
      const vendor = vendorSigner(scheme, ctx.root);
      const floorInput = ours.value.stringToSign || 'x'.repeat(256);
      const algorithm = FLOOR_HASH[scheme];
      const floor = (): string => createHmac(algorithm, CREDENTIALS.secretAccessKey).update(floorInput).digest('hex');
      const ops = vendor.ok ? [ours.value.op, vendor.value.op, floor] : [ours.value.op, floor];
      ctx.log(`  ${name} ...`);
      const medians = await compareOps(ops, options);
      const oursMedian = medians[0]!;
      const base = {
        group: 'signing',
        name,
        label: `${label} (${ours.value.name})`,
        ours: oursMedian,
        unit: 'ops/s',
        higherIsBetter: true,
        command: ctx.command(name),
      };
      if (vendor.ok) {
        rows.push(makeRow({ ...base, anchor: medians[1]!, anchorName: vendor.value.name }));
      } else {
        skip(`vendor anchor: ${vendor.reason}`);
      }
      rows.push(
        makeRow({
          ...base,
          anchor: medians[medians.length - 1]!,
          anchorName: `bare HMAC-${algorithm.toUpperCase()} floor`,
          note: `one HMAC over ${floorInput.length} bytes`,
        }),
      );
    }
    return { rows, skips };
  },
};
