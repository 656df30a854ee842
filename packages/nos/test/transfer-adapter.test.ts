/**
 * The NOS transfer adapter without a server: what it sends, how it reads
 * answers, and how its errors look to the engine's retry decision.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { toBody } from '@yunstore/core';
import { classifyFailure, listAllParts } from '@yunstore/transfer';
import { describe, expect, it } from 'vitest';
import {
  ClientException,
  ConnectionError,
  ConnectionTimeout,
  nosClassify,
  InvalidBucketName,
  NotFoundError,
  nosTransferAdapter,
  NOS_LIMITS,
  ServiceException,
  ServiceUnavailableError,
  type NosAdapterOptions,
  type NosRequest,
  type NosResponse,
} from '../src/index.ts';

type Answer = (req: NosRequest) => { status: number; headers?: Record<string, string>; body?: string };

/** An adapter over a scripted transport; `seen` records every request. */
function scripted(answer: Answer, options?: NosAdapterOptions) {
  const seen: NosRequest[] = [];
  const transport = {
    async perform_request(req: NosRequest): Promise<NosResponse> {
      seen.push(req);
      // Drain the body as a real transport would, so tracking bodies see their bytes.
      if (req.body) {
        const opened = req.body.open();
        if (!Buffer.isBuffer(opened)) for await (const _ of opened) void _;
      }
      const a = answer(req);
      return { status: a.status, headers: { 'x-nos-request-id': 'rid', ...a.headers }, body: Readable.from([Buffer.from(a.body ?? '')]) };
    },
  };
  return { adapter: nosTransferAdapter({ transport }, options), seen };
}

const signal = new AbortController().signal;
const md5 = (s: string | Buffer) => createHash('md5').update(s).digest('hex');

describe('nosClassify', () => {
  it('makes 5xx and connection failures retryable, 404 gone, and other 4xx or argument errors final', () => {
    expect(nosClassify(new NotFoundError(404, 'Not Found', 'NoSuchUpload', '', ''))).toBe('gone');
    const final = [new ServiceException(403, 'Forbidden', 'AccessDenied', '', ''), new InvalidBucketName('bad'), new ClientException('x')];
    const retry = [
      new ServiceUnavailableError(503, 'Service Unavailable', 'SlowDown', '', ''),
      new ServiceException(429, 'Too Many Requests', 'Throttled', '', ''),
      new ConnectionError('reset'),
      new ConnectionTimeout('slow'),
    ];
    for (const e of final) expect(classifyFailure({ classify: nosClassify }, e)).toBe('final');
    for (const e of retry) expect(classifyFailure({ classify: nosClassify }, e)).toBe('retry');
  });
});

describe('nosTransferAdapter', () => {
  it('has the NOS limits: 16 KiB … 100 MiB parts, 10000 of them, copy_object for any object', () => {
    expect(NOS_LIMITS).toEqual({ maxParts: 10000, minPartSize: 16 * 1024, maxPartSize: 100 * 1024 * 1024, maxSingleCopy: 10000 * 100 * 1024 * 1024 });
    expect(
      nosTransferAdapter({ transport: { perform_request: async () => ({ status: 200, headers: {}, body: Readable.from([]) }) } }).uploadPartCopy,
    ).toBeUndefined();
  });

  it('sends parts without Content-MD5 and checks the returned ETag against the bytes sent', async () => {
    const part = Buffer.from('part bytes');
    const good = scripted(() => ({ status: 200, headers: { etag: `"${md5(part)}"` } }));
    const out = await good.adapter.uploadPart({ bucket: 'b-1', key: 'k', uploadId: 'u', partNumber: 3, body: await toBody(part), length: part.length, signal });
    expect(out).toEqual({ etag: md5(part) });
    expect(good.seen[0]?.headers['Content-MD5']).toBeUndefined();
    expect(good.seen[0]?.params).toEqual([
      ['partNumber', '3'],
      ['uploadId', 'u'],
    ]);

    // The adapter passes NOS's ETag through; with verify_md5 the engine compares it with the MD5 it computed.
    const corrupt = scripted(() => ({ status: 200, headers: { etag: `"${md5('other')}"` } }));
    const passed = await corrupt.adapter.uploadPart({
      bucket: 'b-1',
      key: 'k',
      uploadId: 'u',
      partNumber: 1,
      body: await toBody(part),
      length: part.length,
      signal,
    });
    expect(passed).toEqual({ etag: md5('other') });
    expect(corrupt.adapter.uploadMd5).toBe(false);
    expect(scripted(() => ({ status: 200 }), { verify_md5: true }).adapter.uploadMd5).toBe(true);
  });

  it('lists every page of parts (through the engine) and answers null for a vanished upload', async () => {
    const page = (marker: string) =>
      marker === '0'
        ? '<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker>' +
          '<Part><PartNumber>1</PartNumber><ETag>"a"</ETag><Size>5</Size></Part><Part><PartNumber>2</PartNumber><ETag>"b"</ETag><Size>5</Size></Part></ListPartsResult>'
        : '<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>3</PartNumber><ETag>"c"</ETag><Size>1</Size></Part></ListPartsResult>';
    const { adapter, seen } = scripted((req) => ({ status: 200, body: page(req.params.find(([n]) => n === 'part-number-marker')?.[1] ?? '') }));
    expect(await listAllParts(adapter, { bucket: 'b-1', key: 'k', uploadId: 'u', signal })).toEqual([
      { partNumber: 1, etag: 'a', size: 5 },
      { partNumber: 2, etag: 'b', size: 5 },
      { partNumber: 3, etag: 'c', size: 1 },
    ]);
    expect(seen).toHaveLength(2);
    const gone = scripted(() => ({ status: 404, body: '<Error><Code>NoSuchUpload</Code></Error>' }));
    expect(await listAllParts(gone.adapter, { bucket: 'b-1', key: 'k', uploadId: 'u', signal })).toBeNull();
  });

  it('captures meta_data for initiate and reports delete failures instead of throwing', async () => {
    const { adapter, seen } = scripted(
      (req) =>
        req.params.some(([n]) => n === 'delete')
          ? { status: 200, body: '<DeleteResult><Error><Key>x</Key><Code>AccessDenied</Code><Message>no</Message></Error></DeleteResult>' }
          : { status: 200, body: '<InitiateMultipartUploadResult><UploadId>up-1</UploadId></InitiateMultipartUploadResult>' },
      { meta_data: { 'x-nos-meta-a': '1', 'Content-Type': 'text/plain' } },
    );
    expect(await adapter.initiate({ bucket: 'b-1', key: 'k', signal })).toEqual({ uploadId: 'up-1' });
    expect(seen[0]?.headers).toMatchObject({ 'x-nos-meta-a': '1', 'Content-Type': 'text/plain' });
    expect(await adapter.deleteMany?.({ bucket: 'b-1', keys: ['x', 'y'], signal })).toEqual([{ key: 'x', code: 'AccessDenied', message: 'no' }]);
  });
});
