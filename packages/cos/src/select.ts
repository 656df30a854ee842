import { crc32 } from 'node:zlib';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CosClientError, CosServiceError } from './errors.ts';
import { parseCosXml, type CosXmlDict } from './xml-shape.ts';

/**
 * SELECT Object Content answers with a binary event stream (protocol note
 * §9.6). Each message: total length (u32 BE), headers length (u32 BE),
 * prelude CRC-32, headers, payload, message CRC-32. Neither vendor SDK checks
 * the CRCs; this decoder does, so a corrupted stream fails loudly.
 */

/** One framed message. */
export interface EventMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

const PRELUDE = 12;
const MAX_MESSAGE = 16 * 1024 * 1024;

function decodeError(message: string): CosClientError {
  return new CosClientError(`select event stream: ${message}`, { code: 'EventStreamError' });
}

/** Reads the header section: name length u8, name, type u8 (7 = string), value length u16 BE, value. */
export function decodeHeaders(bytes: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let i = 0;
  while (i < bytes.length) {
    const nameLength = bytes.readUInt8(i);
    i += 1;
    const name = bytes.toString('utf8', i, i + nameLength);
    i += nameLength;
    if (i + 3 > bytes.length) throw decodeError('truncated header');
    const type = bytes.readUInt8(i);
    i += 1;
    if (type !== 7) throw decodeError(`header ${name} has value type ${type}, only strings (7) are used by COS`);
    const valueLength = bytes.readUInt16BE(i);
    i += 2;
    if (i + valueLength > bytes.length) throw decodeError('truncated header value');
    headers[name] = bytes.toString('utf8', i, i + valueLength);
    i += valueLength;
  }
  return headers;
}

/**
 * Incremental framing: `push()` chunks as they arrive, get whole messages
 * back; `end()` fails if a partial message is left over.
 */
export class EventStreamDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): EventMessage[] {
    this.#buffer = this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
    const out: EventMessage[] = [];
    while (this.#buffer.length >= PRELUDE) {
      const total = this.#buffer.readUInt32BE(0);
      const headersLength = this.#buffer.readUInt32BE(4);
      const preludeCrc = this.#buffer.readUInt32BE(8);
      if (crc32(this.#buffer.subarray(0, 8)) !== preludeCrc) throw decodeError('prelude CRC-32 mismatch');
      if (total < PRELUDE + 4 + headersLength || total > MAX_MESSAGE) throw decodeError(`bad message length ${total}`);
      if (this.#buffer.length < total) break;
      const message = this.#buffer.subarray(0, total);
      const messageCrc = message.readUInt32BE(total - 4);
      if (crc32(message.subarray(0, total - 4)) !== messageCrc) throw decodeError('message CRC-32 mismatch');
      out.push({
        headers: decodeHeaders(message.subarray(PRELUDE, PRELUDE + headersLength)),
        payload: Buffer.from(message.subarray(PRELUDE + headersLength, total - 4)),
      });
      this.#buffer = this.#buffer.subarray(total);
    }
    return out;
  }

  end(): void {
    if (this.#buffer.length > 0) throw decodeError(`stream ended inside a message (${this.#buffer.length} bytes left)`);
  }
}

/** The events the Python SDK's EventStream yields. */
export type SelectEvent =
  | { Records: { Payload: Buffer } }
  | { Stats: { Details: CosXmlDict } }
  | { Progress: { Details: CosXmlDict } }
  | { Cont: Record<string, never> }
  | { End: Record<string, never> };

/** Maps one message to an event; an error message throws CosServiceError; unknown events give undefined. */
export function toSelectEvent(message: EventMessage, op = 'select_object_content'): SelectEvent | undefined {
  const type = message.headers[':message-type'];
  if (type === 'error') {
    const code = message.headers[':error-code'] ?? 'Unknown';
    const text = message.headers[':error-message'] ?? 'Unknown';
    throw new CosServiceError({
      method: op,
      status: 200,
      origin: `${code}: ${text}`,
      digest: { code, message: text, resource: 'Unknown', requestid: 'Unknown', traceid: 'Unknown' },
    });
  }
  switch (message.headers[':event-type']) {
    case 'Records':
      return { Records: { Payload: message.payload } };
    case 'Stats':
      return { Stats: { Details: parseCosXml(message.payload) } };
    case 'Progress':
      return { Progress: { Details: parseCosXml(message.payload) } };
    case 'Cont':
      return { Cont: {} };
    case 'End':
      return { End: {} };
    default:
      return undefined;
  }
}

/**
 * `response['Payload']` (also `response['Body']`, the seed's name) of
 * select_object_content: async-iterable over SelectEvent; readable once.
 */
export class EventStream implements AsyncIterable<SelectEvent> {
  readonly #source: Readable;
  readonly #op: string;
  #taken = false;

  constructor(source: Readable, op = 'select_object_content') {
    this.#source = source;
    this.#op = op;
    // A failure before anyone iterates must not be uncaught; iterating still reports it.
    source.on('error', () => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<SelectEvent> {
    if (this.#taken) throw new CosClientError('this EventStream was already read', { code: 'BodyConsumed' });
    this.#taken = true;
    const decoder = new EventStreamDecoder();
    let ended = false;
    for await (const chunk of this.#source) {
      for (const message of decoder.push(chunk as Buffer)) {
        const event = toSelectEvent(message, this.#op);
        if (event) yield event;
        if (event && 'End' in event) ended = true;
      }
    }
    decoder.end();
    if (!ended) throw decodeError('stream ended without an End event');
  }

  /** All Records payloads concatenated (Python `get_select_result()`). */
  async get_select_result(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const event of this) if ('Records' in event) parts.push(event.Records.Payload);
    return Buffer.concat(parts);
  }

  /** Writes the Records to a file through a temporary name (Python `get_select_result_to_file()`). */
  async get_select_result_to_file(file_name: string): Promise<void> {
    const tmp = `${file_name}_${randomBytes(8).toString('hex')}`;
    const out = createWriteStream(tmp);
    try {
      for await (const event of this) {
        if ('Records' in event && !out.write(event.Records.Payload)) {
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await rename(tmp, file_name);
    } catch (error) {
      out.destroy();
      await rm(tmp, { force: true });
      throw error;
    }
  }

  getSelectResult(): Promise<Buffer> {
    return this.get_select_result();
  }
  getSelectResultToFile(fileName: string): Promise<void> {
    return this.get_select_result_to_file(fileName);
  }
}
