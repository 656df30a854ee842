/**
 * NOS-specific error-contract cases against a misbehaving server. The shared
 * conformance case "CompleteMultipartUpload answered 200 with an error body"
 * answers every part with a random ETag; NOS's part ETag is the part's MD5,
 * and the NOS upload checks it (parts are sent without Content-MD5), so that
 * case stops at the first part. Here the same case with NOS's real part ETags.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostileServer, type HostileServer } from '@yunstore/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, ServiceException } from '../src/index.ts';

const ERROR = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidPart</Code><Message>one or more parts could not be found</Message></Error>';
const INITIATE = '<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>';

let server: HostileServer;
let dir: string;

beforeAll(async () => {
  server = await startHostileServer();
  dir = await mkdtemp(join(tmpdir(), 'nos-hostile-'));
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function options() {
  return { access_key_id: 'ak', access_key_secret: 'sk', end_point: server.endpoint, max_retries: 0, timeout: 5 };
}

function client(): nos.Client {
  return new nos.Client(options());
}

function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** A multipart server: parts answered with `etagOf(body)`, complete with a 200 carrying `<Error>`. */
function multipart(etagOf: (body: Buffer) => string) {
  return (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    if (req.method === 'POST' && q.has('uploads')) return xml(res, 200, INITIATE);
    if (req.method === 'PUT' && q.has('partNumber')) {
      res.writeHead(200, { ETag: `"${etagOf(body)}"`, 'Content-Length': '0' });
      return res.end();
    }
    if (req.method === 'POST' && q.has('uploadId')) return xml(res, 200, ERROR);
    res.writeHead(204);
    res.end();
  };
}

describe('multipart uploads against a misbehaving server', () => {
  it('complete_multipart_upload answered 200 with <Error> raises ServiceException (status_code 200, its error_code)', async () => {
    server.handle(multipart(() => 'x'));
    const c = client();
    const error = await c
      .complete_multipart_upload({ bucket: 'bkt', key: 'k', upload_id: 'upload-1', info: [{ part_num: 1, etag: 'e' }] })
      .catch((e: unknown) => e);
    await c.close();
    expect(error).toBeInstanceOf(ServiceException);
    expect(error).toMatchObject({ status_code: 200, error_code: 'InvalidPart' });
  });

  it('upload_file whose parts NOS stored (ETag = MD5) fails on the complete answered 200 with <Error>', async () => {
    server.handle(multipart((body) => createHash('md5').update(body).digest('hex')));
    const path = join(dir, 'parts.bin');
    await writeFile(path, randomBytes(3 * 16 * 1024));
    const c = client();
    const error = await c
      .upload_file({ bucket: 'bkt', key: 'big.bin', file_path: path, part_size: 16 * 1024, multipart_threshold: 16 * 1024, checkpoint: false })
      .catch((e: unknown) => e);
    await c.close();
    expect(error).toBeInstanceOf(ServiceException);
    expect((error as ServiceException).error_code).toBe('InvalidPart');
  });

  it('a user transport_class gets the same 200-with-<Error> check on copy and complete', async () => {
    server.handle((_req, res) => xml(res, 200, ERROR));
    class UserTransport extends nos.transport.Transport {
      override async perform_request(req: Parameters<nos.transport.Transport['perform_request']>[0]) {
        return super.perform_request(req);
      }
    }
    const c = new nos.Client({ ...options(), transport_class: UserTransport });
    const copied = await c.copy_object({ src_bucket: 'bkt', src_key: 'a', dest_bucket: 'bkt', dest_key: 'b' }).catch((e: unknown) => e);
    const completed = await c
      .complete_multipart_upload({ bucket: 'bkt', key: 'k', upload_id: 'upload-1', info: [{ part_num: 1, etag: 'e' }] })
      .catch((e: unknown) => e);
    await c.close();
    expect(copied).toMatchObject({ status_code: 200, error_code: 'InvalidPart' });
    expect(copied).toBeInstanceOf(ServiceException);
    expect(completed).toMatchObject({ status_code: 200, error_code: 'InvalidPart' });
  });

  it('with verify_md5, a part whose ETag is never the MD5 of the bytes sent fails the upload with IntegrityError MD5Mismatch', async () => {
    let parts = 0;
    server.handle((req, res, body) => {
      if (req.method === 'PUT') parts++;
      return multipart(() => randomBytes(16).toString('hex'))(req, res, body);
    });
    const path = join(dir, 'corrupt.bin');
    await writeFile(path, randomBytes(3 * 16 * 1024));
    const c = client();
    const params = { bucket: 'bkt', key: 'big.bin', file_path: path, part_size: 16 * 1024, multipart_threshold: 16 * 1024, checkpoint: false } as const;
    const error = await c.upload_file({ ...params, verify_md5: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'IntegrityError', code: 'MD5Mismatch' });
    expect(String((error as Error).message)).toMatch(/the server answered ETag [0-9a-f]{32}, the bytes sent have MD5 [0-9a-f]{32}/);
    expect(parts).toBeGreaterThan(3); // the damaged part was sent again before giving up
    // Without it, the parts are taken as answered; this server then refuses the complete (200 with <Error>).
    const unchecked = await c.upload_file(params).catch((e: unknown) => e);
    await c.close();
    expect(unchecked).toBeInstanceOf(ServiceException);
  });
});
