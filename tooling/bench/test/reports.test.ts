import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/report-md.ts';
import { escapeXml, renderSvg } from '../src/report-svg.ts';
import { makeRow } from '../src/runner.ts';
import { referenceCrc64 } from '../src/groups/crc64-reference.ts';
import type { MachineInfo } from '../src/model.ts';

const machine: MachineInfo = { date: '2025-01-01T00:00:00Z', node: 'v20.20.2', cpu: 'Test CPU', cores: 2, memoryGiB: 24, platform: 'linux-x64' };
const rows = [
  makeRow({
    group: 'signing',
    name: 'signing.cos',
    label: 'COS signature',
    ours: 200_000,
    anchor: 100_000,
    anchorName: 'cos-nodejs-sdk-v5 <getAuth>',
    unit: 'ops/s',
    higherIsBetter: true,
    command: 'pnpm bench --only signing.cos',
  }),
  makeRow({
    group: 'cold',
    name: 'cold.cos',
    label: 'import a|b',
    ours: 40,
    anchor: 10,
    anchorName: 'vendor',
    unit: 'ms',
    higherIsBetter: false,
    command: 'pnpm bench --only cold.cos',
    note: 'median of 5',
  }),
];

describe('results.md', () => {
  const md = renderMarkdown({
    machine,
    rows,
    skips: [{ group: 'large', name: 'large.cos', reason: 'upload_file not there yet', command: 'pnpm bench --only large.cos' }],
    invocation: 'pnpm bench --quick',
  });
  it('has the machine header', () => {
    expect(md).toContain('- date: 2025-01-01T00:00:00Z');
    expect(md).toContain('- node: v20.20.2 (linux-x64)');
    expect(md).toContain('- cpu: Test CPU × 2');
    expect(md).toContain('`pnpm bench --quick`');
  });
  it('one table row per result, with ratio, advantage and command; pipes escaped', () => {
    expect(md).toContain(
      '| COS signature | 200\u202f000 | 100\u202f000 — cos-nodejs-sdk-v5 <getAuth> | ops/s, higher is better | ×2.00 | ×2.00 | `pnpm bench --only signing.cos` |',
    );
    expect(md).toContain('import a\\|b (median of 5)');
    expect(md).toContain('| ms, lower is better | ×4.00 | ×0.25 |');
  });
  it('lists skips with their reason and command', () => {
    expect(md).toContain('## large');
    expect(md).toContain('- `large.cos`: upload_file not there yet (`pnpm bench --only large.cos`)');
  });
});

describe('results.svg', () => {
  const svg = renderSvg(rows, machine);
  it('is one well-formed svg with a bar per row', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect /g)?.length).toBe(1 + rows.length); // background + bars
  });
  it('colours wins green and losses red, labels escaped', () => {
    expect(svg).toContain('fill="#2e9d55"');
    expect(svg).toContain('fill="#d0453b"');
    expect(svg).toContain('&lt;getAuth&gt;');
    expect(svg).not.toContain('<getAuth>');
    expect(svg).toContain('×2.00');
    expect(svg).toContain('×0.25');
  });
  it('escapeXml covers the five specials that matter', () => {
    expect(escapeXml(`a&b<c>"d"`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;');
  });
  it('renders an empty chart without rows', () => {
    expect(renderSvg([], machine)).toContain('no rows');
  });
});

describe('CRC-64 reference (the anchor of the CRC row)', () => {
  it('gives the CRC-64/XZ check value', () => {
    expect(referenceCrc64(Buffer.from('123456789'))).toBe(0x995dc9bbdf1939fan);
    expect(referenceCrc64(new Uint8Array(0))).toBe(0n);
  });
});
