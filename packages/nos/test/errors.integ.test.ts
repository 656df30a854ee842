import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ClientException,
  ConflictError,
  ConnectionError,
  ConnectionTimeout,
  FileOpenModeError,
  ForbiddenError,
  InternalServerErrorError,
  InvalidBucketName,
  InvalidObjectName,
  LengthRequiredError,
  MethodNotAllowedError,
  MultiObjectDeleteException,
  NOSException,
  NotFoundError,
  NotImplementedError,
  nos,
  RequestedRangeNotSatisfiableError,
  SerializationError,
  ServiceException,
  ServiceUnavailableError,
  XmlParseError,
  type NosRequest,
  type NosResponse,
  type NosTransport,
  type TransportOptions,
} from '../src/index.ts';
import { ACCESS_KEY_ID, createBucket, SECRET, startNosServer, type NosTestServer } from './support/emulator.ts';

let server: NosTestServer;
const bucket = 'nos-errors';
const client = () => new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort });

beforeAll(async () => {
  server = await startNosServer();
  await createBucket(server, bucket);
  await client().put_object({ bucket, key: 'exists.txt', body: '0123456789' });
});
afterAll(async () => server.stop());

/** A transport_class answering every request with one canned response, recording what it was asked. */
function cannedTransport(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: NosRequest[] = [];
  class Canned implements NosTransport {
    constructor(readonly options: TransportOptions) {}
    async perform_request(request: NosRequest): Promise<NosResponse> {
      seen.push(request);
      return { status, headers: { 'x-nos-request-id': 'CANNED0000000001', ...headers }, body: Readable.from([Buffer.from(body)]) };
    }
  }
  return { Canned, seen };
}

const errorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><Resource>/b/k</Resource><RequestId>X</RequestId></Error>`;

describe('ClientException subclasses, raised before any request', () => {
  const { Canned, seen } = cannedTransport(200, '');
  const offline = new nos.Client({ access_key_id: 'a', access_key_secret: 'b', transport_class: Canned });

  it('InvalidBucketName for an empty or malformed bucket', async () => {
    await expect(offline.get_object({ bucket: '', key: 'k' })).rejects.toBeInstanceOf(InvalidBucketName);
    await expect(offline.copy_object({ src_bucket: 'Bad_Name', src_key: 'k', dest_bucket: 'ok-name', dest_key: 'k' })).rejects.toThrow(/src_bucket/);
  });
  it('InvalidObjectName for an empty or too long key', async () => {
    await expect(offline.put_object({ bucket: 'ok-name', key: '', body: 'x' })).rejects.toBeInstanceOf(InvalidObjectName);
    await expect(offline.head_object({ bucket: 'ok-name', key: 'x'.repeat(1001) })).rejects.toBeInstanceOf(InvalidObjectName);
  });
  it('FileOpenModeError for a file stream opened with an encoding (text mode)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nos-')), 't.txt');
    writeFileSync(file, 'text');
    await expect(offline.put_object({ bucket: 'ok-name', key: 'k', body: createReadStream(file, { encoding: 'utf8' }) })).rejects.toBeInstanceOf(
      FileOpenModeError,
    );
  });
  it('SerializationError for a body that cannot be serialised', async () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    await expect(offline.put_object({ bucket: 'ok-name', key: 'k', body: circular })).rejects.toBeInstanceOf(SerializationError);
  });
  it('ClientException naming the parameter for other bad arguments', async () => {
    await expect(offline.upload_part({ bucket: 'ok-name', key: 'k', part_num: 0, upload_id: 'u', body: 'x' })).rejects.toThrow(/part_num/);
    await expect(offline.upload_part({ bucket: 'ok-name', key: 'k', part_num: 10001, upload_id: 'u', body: 'x' })).rejects.toBeInstanceOf(ClientException);
    await expect(offline.list_objects({ bucket: 'ok-name', limit: 1001 })).rejects.toThrow(/limit/);
    await expect(offline.put_object({ bucket: 'ok-name', key: 'k', body: 'x', meta_data: { owner: 'x' } })).rejects.toThrow(/x-nos-meta-/);
    await expect(offline.complete_multipart_upload({ bucket: 'ok-name', key: 'k', upload_id: 'u', info: [] })).rejects.toThrow(/info/);
    expect(() => new nos.Client({ access_key_id: 'only-one' })).toThrow(ClientException);
  });
  it('BadRequestError EntityTooLarge for a body over 100 MiB, before sending', async () => {
    const err = await offline.put_object({ bucket: 'ok-name', key: 'k', body: new Blob([new Uint8Array(100 * 1024 * 1024 + 1)]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({
      status_code: 400,
      error_type: 'Bad Request',
      error_code: 'EntityTooLarge',
      request_id: '',
      message: 'Request Entity Too Large',
    });
  });
  it('sent nothing', () => {
    expect(seen).toHaveLength(0);
  });
  it('ClientException messages follow Python', async () => {
    // Python's fixed texts for the three classes that have one.
    expect(new InvalidBucketName().message).toBe('InvalidBucketName caused by: bucket name is empty.');
    expect(new InvalidObjectName().message).toBe('InvalidObjectName caused by: object name is empty.');
    expect(String(new FileOpenModeError())).toBe('FileOpenModeError caused by: object is a file that opened without the mode for binary files.');
    // The same texts from the argument checks, with the parameter named when it is not the plain one.
    await expect(offline.list_objects({ bucket: '' })).rejects.toThrow(/^InvalidBucketName caused by: bucket name is empty\.$/);
    await expect(offline.delete_object({ bucket: 'ok-name', key: '' })).rejects.toThrow(/^InvalidObjectName caused by: object name is empty\.$/);
    await expect(offline.move_object({ src_bucket: 'ok-name', src_key: '', dest_bucket: 'ok-name', dest_key: 'k' })).rejects.toThrow(
      'InvalidObjectName caused by: src_key: object name is empty.',
    );
    // Every other ClientException: "<Class>(<error>) caused by: <InfoClass>(<info>)", and str(e) is the message.
    const e = new XmlParseError('bad body', new SyntaxError('unexpected end'));
    expect(String(e)).toBe('XmlParseError(bad body) caused by: SyntaxError(unexpected end)');
    expect(new ClientException('x').message).toBe('ClientException(x) caused by: NoneType(None)');
  });
});

describe('ClientException subclasses from answers and connections', () => {
  it('XmlParseError when a 2xx body is not XML', async () => {
    const { Canned } = cannedTransport(200, 'this is not xml');
    const c = new nos.Client({ transport_class: Canned });
    await expect(c.list_objects({ bucket: 'ok-name' })).rejects.toBeInstanceOf(XmlParseError);
  });

  it('ConnectionError when nothing listens, after max_retries', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const c = new nos.Client({ access_key_id: 'a', access_key_secret: 'b', end_point: `127.0.0.1:${port}`, max_retries: 1 });
    const err = await c.head_object({ bucket: 'ok-name', key: 'k' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).not.toBeInstanceOf(ConnectionTimeout);
    expect(err).toBeInstanceOf(NOSException);
    await c.close();
  });

  it('ConnectionTimeout when the server does not answer within timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const c = new nos.Client({ access_key_id: 'a', access_key_secret: 'b', end_point: `127.0.0.1:${port}`, timeout: 0.3, max_retries: 0 });
    await expect(c.head_object({ bucket: 'ok-name', key: 'k' })).rejects.toBeInstanceOf(ConnectionTimeout);
    await c.close();
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('an aborted signal rejects with ConnectionError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client().get_object({ bucket, key: 'exists.txt', signal: controller.signal })).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe('ServiceException subclasses from the emulator', () => {
  it('BadRequestError 400 (InvalidPart)', async () => {
    const c = client();
    const init = await c.create_multipart_upload({ bucket, key: 'mp' });
    const uploadId = init.response.findtext('UploadId') ?? '';
    await expect(c.complete_multipart_upload({ bucket, key: 'mp', upload_id: uploadId, info: [{ part_num: 1, etag: 'abc' }] })).rejects.toMatchObject({
      constructor: BadRequestError,
      status_code: 400,
      error_type: 'Bad Request',
      error_code: 'InvalidPart',
    });
  });

  it('ForbiddenError 403 for a wrong secret (SignatureDoesNotMatch)', async () => {
    const c = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: 'wrong', end_point: server.hostPort });
    const err = (await c.get_object({ bucket, key: 'exists.txt' }).catch((e: unknown) => e)) as ForbiddenError;
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.error_code).toBe('SignatureDoesNotMatch');
    expect(err.request_id).toMatch(/^[0-9A-F]{16}$/);
    expect(err.message).not.toBe('');
    // Python's str(e): '%s(%s, %s, %s, %s, %s)', fields unquoted.
    expect(String(err)).toBe(`ForbiddenError(403, Forbidden, SignatureDoesNotMatch, ${err.request_id}, ${err.message})`);
  });

  it('ForbiddenError 403 for a skewed clock (RequestTimeTooSkewed)', async () => {
    server.skewClock(20 * 60 * 1000);
    try {
      await expect(client().head_object({ bucket, key: 'exists.txt' })).rejects.toMatchObject({ status_code: 403, error_code: '' });
      await expect(client().get_object({ bucket, key: 'exists.txt' })).rejects.toMatchObject({ error_code: 'RequestTimeTooSkewed' });
    } finally {
      server.skewClock(0);
    }
  });

  it('NotFoundError 404 (NoSuchKey, NoSuchBucket)', async () => {
    await expect(client().get_object({ bucket, key: 'missing' })).rejects.toMatchObject({ constructor: NotFoundError, error_code: 'NoSuchKey' });
    await expect(client().list_objects({ bucket: 'no-such-bucket' })).rejects.toMatchObject({ error_code: 'NoSuchBucket' });
  });

  it('LengthRequiredError 411 for a stream of unknown length', async () => {
    const body = Readable.from([Buffer.from('streamed '), Buffer.from('without length')]);
    await expect(client().put_object({ bucket, key: 'chunked', body })).rejects.toMatchObject({
      constructor: LengthRequiredError,
      error_code: 'MissingContentLength',
    });
  });

  it('RequestedRangeNotSatisfiableError 416', async () => {
    await expect(client().get_object({ bucket, key: 'exists.txt', range: 'bytes=100-200' })).rejects.toBeInstanceOf(RequestedRangeNotSatisfiableError);
  });

  it('InternalServerErrorError 500 after the retries are used up; retried ones succeed', async () => {
    server.failNext('get_object', 500, 'InternalError', 3);
    await expect(client().get_object({ bucket, key: 'exists.txt' })).rejects.toMatchObject({
      constructor: InternalServerErrorError,
      error_code: 'InternalError',
    });
    server.failNext('head_object', 500, 'InternalError', 2);
    await expect(client().head_object({ bucket, key: 'exists.txt' })).resolves.toMatchObject({ content_length: 10 });
  });

  it('ServiceUnavailableError 503', async () => {
    server.failNext('list_objects', 503, 'ServiceUnavailable', 1);
    const c = new nos.Client({ access_key_id: ACCESS_KEY_ID, access_key_secret: SECRET, end_point: server.hostPort, max_retries: 0 });
    await expect(c.list_objects({ bucket })).rejects.toMatchObject({
      constructor: ServiceUnavailableError,
      status_code: 503,
      error_type: 'Service Unavailable',
    });
  });

  it('MultiObjectDeleteException', async () => {
    await expect(client().delete_objects({ bucket, keys: ['never-existed'] })).rejects.toBeInstanceOf(MultiObjectDeleteException);
  });
});

describe('ServiceException subclasses the emulator does not produce, through transport_class', () => {
  const cases: Array<[number, string, new (...args: never[]) => ServiceException]> = [
    [405, 'MethodNotAllowed', MethodNotAllowedError],
    [409, 'BucketAlreadyExist', ConflictError],
    [501, 'NotImplemented', NotImplementedError],
  ];
  for (const [status, code, Class] of cases) {
    it(`${Class.name} ${status}`, async () => {
      const { Canned } = cannedTransport(status, errorXml(code, 'canned'));
      const c = new nos.Client({ transport_class: Canned });
      const err = await c.delete_object({ bucket: 'ok-name', key: 'k' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Class);
      expect(err).toBeInstanceOf(ServiceException);
      expect(err).toMatchObject({ status_code: status, error_code: code, request_id: 'CANNED0000000001', message: 'canned' });
    });
  }
  it('a status without a subclass gives a plain ServiceException', async () => {
    const { Canned } = cannedTransport(418, errorXml('Teapot', 'short and stout'));
    const err = await new nos.Client({ transport_class: Canned }).head_object({ bucket: 'ok-name', key: 'k' }).catch((e: unknown) => e);
    expect((err as object).constructor).toBe(ServiceException);
    expect(err).toMatchObject({ status_code: 418, error_type: "I'm a Teapot" });
  });
});
