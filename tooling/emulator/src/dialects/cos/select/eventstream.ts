/**
 * COS select answers as an event stream (protocol §9.6): every message is
 * prelude (total length, headers length, CRC-32 of those 8 bytes), string
 * headers, payload, and a CRC-32 of everything before it. CRC-32 is zlib's.
 */
import { crc32 } from 'node:zlib';

/** One message with string-valued headers (value type 7). */
export function encodeMessage(headers: Array<[string, string]>, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const headerBytes = Buffer.concat(
    headers.map(([name, value]) => {
      const n = Buffer.from(name, 'utf8');
      const v = Buffer.from(value, 'utf8');
      const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
      out.writeUInt8(n.length, 0);
      n.copy(out, 1);
      out.writeUInt8(7, 1 + n.length);
      out.writeUInt16BE(v.length, 2 + n.length);
      v.copy(out, 4 + n.length);
      return out;
    }),
  );
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  Buffer.from(payload).copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

export function recordsMessage(payload: Uint8Array): Buffer {
  return encodeMessage(
    [
      [':message-type', 'event'],
      [':event-type', 'Records'],
      [':content-type', 'application/octet-stream'],
    ],
    payload,
  );
}

export interface ScanStats {
  scanned: number;
  processed: number;
  returned: number;
}

function statsXml(root: 'Stats' | 'Progress', s: ScanStats): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><${root}><BytesScanned>${s.scanned}</BytesScanned><BytesProcessed>${s.processed}</BytesProcessed><BytesReturned>${s.returned}</BytesReturned></${root}>`,
  );
}

export function statsMessage(kind: 'Stats' | 'Progress', s: ScanStats): Buffer {
  return encodeMessage(
    [
      [':message-type', 'event'],
      [':event-type', kind],
      [':content-type', 'text/xml'],
    ],
    statsXml(kind, s),
  );
}

export function endMessage(): Buffer {
  return encodeMessage([
    [':message-type', 'event'],
    [':event-type', 'End'],
  ]);
}

export function errorMessage(code: string, message: string): Buffer {
  return encodeMessage([
    [':message-type', 'error'],
    [':error-code', code],
    [':error-message', message],
  ]);
}

/** Decodes a stream of messages (used by tests); throws on a CRC mismatch. */
export function decodeMessages(data: Buffer): Array<{ headers: Record<string, string>; payload: Buffer }> {
  const out: Array<{ headers: Record<string, string>; payload: Buffer }> = [];
  let at = 0;
  while (at < data.length) {
    const total = data.readUInt32BE(at);
    const headersLength = data.readUInt32BE(at + 4);
    if (crc32(data.subarray(at, at + 8)) !== data.readUInt32BE(at + 8)) throw new Error(`prelude CRC mismatch at ${at}`);
    if (crc32(data.subarray(at, at + total - 4)) !== data.readUInt32BE(at + total - 4)) throw new Error(`message CRC mismatch at ${at}`);
    const headers: Record<string, string> = {};
    let h = at + 12;
    while (h < at + 12 + headersLength) {
      const nameLength = data.readUInt8(h);
      const name = data.subarray(h + 1, h + 1 + nameLength).toString('utf8');
      const valueLength = data.readUInt16BE(h + 2 + nameLength);
      headers[name] = data.subarray(h + 4 + nameLength, h + 4 + nameLength + valueLength).toString('utf8');
      h += 4 + nameLength + valueLength;
    }
    out.push({ headers, payload: data.subarray(at + 12 + headersLength, at + total - 4) });
    at += total;
  }
  return out;
}
