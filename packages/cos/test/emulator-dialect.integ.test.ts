import { signCos } from '@yunstore/core/sign';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CosClientError, CosS3Client } from '../src/index.ts';
import { caught, SECRET_ID, SECRET_KEY, startHarness, stopHarness, type Harness } from './helpers.ts';

/** The emulator's COS dialect, as issue 13's wire-fidelity items describe it. */
let h: Harness;
const B = 'dialect-1250000000';

beforeAll(async () => {
  h = await startHarness();
  await h.client.create_bucket({ Bucket: B });
  await h.client.put_object({ Bucket: B, Key: 'a.txt', Body: 'dialect' });
});
afterEach(() => h.emu.faults.clear());
afterAll(async () => {
  await stopHarness(h);
});

describe('resetAfterBytes resets upload connections (request bodies), as the README says for every dialect', () => {
  it('put_object: the connection is cut after that many body bytes, nothing is stored, and the retry succeeds', async () => {
    h.emu.faults.add({ dialects: ['cos'], operations: ['put_object'], resetAfterBytes: 1024, resetCount: 1 });
    const before = h.emu.faults.stats().resets;
    const error = await caught(() => h.client.put_object({ Bucket: B, Key: 'cut.bin', Body: Buffer.alloc(256 * 1024, 7) }));
    expect(error).toBeInstanceOf(CosClientError);
    expect(h.emu.faults.stats().resets).toBe(before + 1);
    expect(await h.client.object_exists({ Bucket: B, Key: 'cut.bin' })).toBe(false);

    // With retries, the client replays the body and the upload lands whole.
    h.emu.faults.add({ dialects: ['cos'], operations: ['put_object'], resetAfterBytes: 1024, resetCount: 1 });
    const retrying = new CosS3Client(h.options({ Retry: 2 }));
    try {
      const put = await retrying.put_object({ Bucket: B, Key: 'retried.bin', Body: Buffer.alloc(256 * 1024, 9) });
      expect(put.ETag).toBeTruthy();
      const head = await retrying.head_object({ Bucket: B, Key: 'retried.bin' });
      expect(head['Content-Length']).toBe(String(256 * 1024));
      expect(h.emu.faults.stats().resets).toBe(before + 2);
    } finally {
      await retrying.close();
    }
  });

  it('upload_part is cut the same way', async () => {
    const { UploadId } = await h.client.create_multipart_upload({ Bucket: B, Key: 'parts.bin' });
    h.emu.faults.add({ dialects: ['cos'], operations: ['upload_part'], resetAfterBytes: 10, resetCount: 1 });
    const error = await caught(() => h.client.upload_part({ Bucket: B, Key: 'parts.bin', Body: Buffer.alloc(64 * 1024), PartNumber: 1, UploadId }));
    expect(error).toBeInstanceOf(CosClientError);
    const parts = await h.client.list_parts({ Bucket: B, Key: 'parts.bin', UploadId });
    expect(parts.Part ?? []).toEqual([]);
    await h.client.abort_multipart_upload({ Bucket: B, Key: 'parts.bin', UploadId });
  });
});

describe('a signature over the Host without its port is accepted (the COS Python SDK signs urlparse(url).hostname)', () => {
  const path = `/${B}/a.txt`;

  async function getWith(signedHost: string): Promise<number> {
    const origin = `http://127.0.0.1:${h.port}`;
    const signed = signCos(
      { method: 'GET', origin, path, query: [], headers: { Host: signedHost } },
      { accessKeyId: SECRET_ID, secretAccessKey: SECRET_KEY },
      { now: new Date() },
    );
    const res = await fetch(`${origin}${path}`, { headers: { Authorization: signed.authorization } });
    await res.arrayBuffer();
    return res.status;
  }

  it('Host 127.0.0.1:<port> on the wire, signed as 127.0.0.1', async () => {
    expect(await getWith('127.0.0.1')).toBe(200);
  });

  it('signed with the port, as the Node SDK does, still works', async () => {
    expect(await getWith(`127.0.0.1:${h.port}`)).toBe(200);
  });

  it('another host is still refused', async () => {
    expect(await getWith('127.0.0.2')).toBe(403);
    expect(await getWith(`127.0.0.1:${h.port + 1}`)).toBe(403);
  });
});
