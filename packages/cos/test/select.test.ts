import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CosClientError, CosServiceError, EventStream, EventStreamDecoder, toSelectEvent } from '../src/index.ts';

// The worked example of protocols/cos.md §9.6: one Records message ("a,b\n") then End.
const EXAMPLE = Buffer.from(
  '0000006900000055ea016f2e0d3a6d6573736167652d747970650700056576656e74' +
    '0b3a6576656e742d747970650700075265636f7264730d3a636f6e74656e742d7479' +
    '70650700186170706c69636174696f6e2f6f637465742d73747265616d612c620ae3' +
    '67eb1d' +
    '0000003800000028c1c684d40d3a6d6573736167652d747970650700056576656e74' +
    '0b3a6576656e742d74797065070003456e64cf97d392',
  'hex',
);

/** Frames a message the way COS does, for cases the worked example lacks. */
function frame(headers: Record<string, string>, payload: Buffer = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name);
    const v = Buffer.from(value);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(v.length);
    parts.push(Buffer.from([n.length]), n, Buffer.from([7]), len, v);
  }
  const h = Buffer.concat(parts);
  const total = 16 + h.length + payload.length;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(h.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const body = Buffer.concat([prelude, h, payload]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([body, crc]);
}

describe('EventStreamDecoder', () => {
  it('decodes the protocol note example', () => {
    const d = new EventStreamDecoder();
    const messages = d.push(EXAMPLE);
    d.end();
    expect(messages).toHaveLength(2);
    expect(messages[0]?.headers).toEqual({
      ':message-type': 'event',
      ':event-type': 'Records',
      ':content-type': 'application/octet-stream',
    });
    expect(messages[0]?.payload.toString()).toBe('a,b\n');
    expect(messages[1]?.headers[':event-type']).toBe('End');
  });

  it('reassembles messages split at every byte boundary', () => {
    const d = new EventStreamDecoder();
    const out = [];
    for (const byte of EXAMPLE) out.push(...d.push(Buffer.from([byte])));
    d.end();
    expect(out.map((m) => m.headers[':event-type'])).toEqual(['Records', 'End']);
  });

  it('rejects a corrupted payload (message CRC)', () => {
    const bad = Buffer.from(EXAMPLE);
    bad[100] = (bad[100] as number) ^ 0xff; // inside "a,b\n"
    expect(() => new EventStreamDecoder().push(bad)).toThrow(/message CRC-32 mismatch/);
  });

  it('rejects a corrupted prelude (prelude CRC)', () => {
    const bad = Buffer.from(EXAMPLE);
    bad[3] = 0x70;
    expect(() => new EventStreamDecoder().push(bad)).toThrow(/prelude CRC-32 mismatch/);
  });

  it('fails when the stream stops inside a message', () => {
    const d = new EventStreamDecoder();
    d.push(EXAMPLE.subarray(0, 50));
    expect(() => d.end()).toThrow(CosClientError);
  });
});

describe('select events', () => {
  it('maps Stats and Progress XML to Details dicts with string values', () => {
    const stats = toSelectEvent({
      headers: { ':message-type': 'event', ':event-type': 'Stats' },
      payload: Buffer.from('<Stats><BytesScanned>10</BytesScanned><BytesProcessed>10</BytesProcessed><BytesReturned>4</BytesReturned></Stats>'),
    });
    expect(stats).toEqual({ Stats: { Details: { BytesScanned: '10', BytesProcessed: '10', BytesReturned: '4' } } });
    expect(toSelectEvent({ headers: { ':message-type': 'event', ':event-type': 'Cont' }, payload: Buffer.alloc(0) })).toEqual({ Cont: {} });
  });

  it('turns an error message into CosServiceError', () => {
    try {
      toSelectEvent({ headers: { ':message-type': 'error', ':error-code': 'InvalidSql', ':error-message': 'bad sql' }, payload: Buffer.alloc(0) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CosServiceError);
      expect((error as CosServiceError).get_error_code()).toBe('InvalidSql');
      expect((error as CosServiceError).get_error_msg()).toBe('bad sql');
    }
  });

  it('EventStream yields events and get_select_result concatenates Records', async () => {
    const wire = Buffer.concat([
      frame({ ':message-type': 'event', ':event-type': 'Records', ':content-type': 'application/octet-stream' }, Buffer.from('x,1\n')),
      frame({ ':message-type': 'event', ':event-type': 'Cont' }),
      EXAMPLE,
    ]);
    const events = [];
    for await (const e of new EventStream(Readable.from([wire.subarray(0, 7), wire.subarray(7)]))) events.push(e);
    expect(events.map((e) => Object.keys(e)[0])).toEqual(['Records', 'Cont', 'Records', 'End']);
    expect((await new EventStream(Readable.from([wire])).get_select_result()).toString()).toBe('x,1\na,b\n');
  });

  it('an error after some records rejects the iteration', async () => {
    const wire = Buffer.concat([
      frame({ ':message-type': 'event', ':event-type': 'Records' }, Buffer.from('x\n')),
      frame({ ':message-type': 'error', ':error-code': 'InternalError', ':error-message': 'boom' }),
    ]);
    await expect(new EventStream(Readable.from([wire])).get_select_result()).rejects.toBeInstanceOf(CosServiceError);
  });

  it('a stream without End is an error', async () => {
    const wire = frame({ ':message-type': 'event', ':event-type': 'Records' }, Buffer.from('x\n'));
    await expect(new EventStream(Readable.from([wire])).get_select_result()).rejects.toThrow(/without an End/);
  });
});
