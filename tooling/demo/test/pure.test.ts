import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/args.ts';
import { compareFingerprints, fingerprintStream } from '../src/hashing.ts';
import { createProgress, renderBar } from '../src/progress.ts';
import { StepRecorder, StepSkipped, renderSummary } from '../src/steps.ts';
import { bucketName, realTarget } from '../src/targets.ts';

describe('args', () => {
  it('defaults to 256 MiB, all vendors, the emulator', () => {
    expect(parseArgs([])).toEqual({ sizeMiB: 256, vendors: ['cos', 'bos', 'oos', 'nos'], real: false, help: false });
  });
  it('reads --size, --vendor and --real', () => {
    expect(parseArgs(['--size', '4', '--vendor=cos,nos', '--real'])).toMatchObject({ sizeMiB: 4, vendors: ['cos', 'nos'], real: true });
  });
  it('names the bad flag', () => {
    expect(() => parseArgs(['--size', 'big'])).toThrow(/--size/);
    expect(() => parseArgs(['--vendor', 's3'])).toThrow(/--vendor.*s3/);
    expect(() => parseArgs(['--nope'])).toThrow(/unknown argument "--nope"/);
  });
});

describe('progress bar', () => {
  it('renders percentage, MiB and rate', () => {
    const line = renderBar('COS upload_file', 2 ** 20, 4 * 2 ** 20, 1000, 8);
    expect(line).toContain('[##......]');
    expect(line).toContain(' 25%');
    expect(line).toContain('1.0/4.0 MiB');
    expect(line).toContain('1 MB/s');
  });
  it('is monotonic, redraws with \\r on a live stream and ends the line', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    let t = 0;
    const bar = createProgress('x', 100, { stream: out, live: true, now: () => (t += 200) });
    bar.update(50, 100);
    bar.update(40, 100); // a late, smaller report must not move the bar back
    bar.update(100, 100);
    bar.done();
    expect(bar.consumed).toBe(100);
    expect(text.startsWith('\r')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('100%');
  });
  it('stays silent until done() when not live', () => {
    const out = new PassThrough();
    let writes = 0;
    out.on('data', () => writes++);
    const bar = createProgress('x', 10, { stream: out, live: false });
    for (let i = 1; i <= 10; i++) bar.update(i);
    expect(writes).toBe(0);
    bar.done();
  });
});

describe('steps', () => {
  it('records ok, failure, skip, and stops the walk after the first problem', async () => {
    const steps = new StepRecorder('cos');
    expect(await steps.run('a', async () => 42, { bytes: 1e6 })).toBe(42);
    await steps.run('b', async () => {
      throw new StepSkipped('upload_file not available yet');
    });
    await steps.run('c', async () => 1);
    await steps.run('cleanup', async () => 1, { always: true });
    expect(steps.records.map((r) => [r.operation, r.result])).toEqual([
      ['a', 'ok'],
      ['b', 'skipped: upload_file not available yet'],
      ['c', 'not run'],
      ['cleanup', 'ok'],
    ]);
    const table = renderSummary(steps.records);
    expect(table.split('\n')[0]).toMatch(/^vendor\s+operation\s+result\s+time\s+MB\/s$/);
    expect(table).toContain('skipped: upload_file not available yet');
  });
  it('marks a thrown error as FAILED', async () => {
    const steps = new StepRecorder('bos');
    await steps.run('verify', async () => {
      throw new Error('MD5 differs');
    });
    expect(steps.records[0]!.result).toBe('FAILED: MD5 differs');
  });
});

describe('fingerprints', () => {
  it('MD5 and CRC-64 of a stream match the known values of "123456789"', async () => {
    const fp = await fingerprintStream(Readable.from([Buffer.from('12345'), Buffer.from('6789')]));
    expect(fp).toEqual({ size: 9, md5: '25f9e794323b453885f5181f1b624d0b', crc64: BigInt('0x995dc9bbdf1939fa').toString() });
  });
  it('compareFingerprints names what differs', () => {
    const a = { size: 1, md5: 'a', crc64: '1' };
    expect(() => compareFingerprints('copy', a, { ...a, size: 2 }, false)).toThrow(/copy: 2 bytes, expected 1/);
    expect(() => compareFingerprints('copy', a, { ...a, crc64: '2' }, true)).toThrow(/CRC64/);
    expect(() => compareFingerprints('copy', a, { ...a, crc64: '2' }, false)).not.toThrow();
  });
});

describe('targets', () => {
  it('COS buckets carry the appid', () => {
    expect(bucketName('cos', 'abc')).toBe('yunstore-demo-abc-1250000000');
    expect(bucketName('nos', 'abc')).toBe('yunstore-demo-abc');
  });
  it('--real names the missing variables', () => {
    expect(realTarget('bos', {}, 'x')).toMatch(/BOS_ACCESS_KEY_ID, BOS_SECRET_ACCESS_KEY, BOS_ENDPOINT/);
    expect(realTarget('cos', { COS_SECRET_ID: 'a', COS_SECRET_KEY: 'b', COS_REGION: 'ap-guangzhou' }, 'x')).toMatch(/COS_BUCKET or COS_APPID/);
    const t = realTarget('oos', { OOS_ACCESS_KEY_ID: 'a', OOS_SECRET_ACCESS_KEY: 'b', OOS_ENDPOINT: 'http://oos-cn.ctyunapi.cn', OOS_BUCKET: 'mine' }, 'x');
    expect(t).toMatchObject({ bucket: 'mine', existingBucket: true, emulator: false });
  });
});
