/**
 * `upload_part_copy` and `delete_multiple_objects` against the emulator:
 * the wire, the snake_case answers, BOS's errors, and the argument checks
 * that refuse bad input before any request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BceClientConfiguration,
  BceCredentials,
  BceHttpClientError,
  BceInvalidArgumentError,
  type BceServerError,
  BosClient,
  ValueError,
} from '../src/index.ts';
import { startBosEmulator, type TestEmulator } from './emulator.ts';

const B = 'batch-bucket';
const OTHER = 'batch-other';
let emu: TestEmulator;
let client: BosClient;
/** Requests the emulator answered, counted through its fault hook (every routed request asks it once). */
let requests: string[] = [];

async function serverError(p: Promise<unknown>): Promise<BceServerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BceHttpClientError);
  return (err as BceHttpClientError).last_error as BceServerError;
}

beforeAll(async () => {
  emu = await startBosEmulator({ minPartSize: 1024 });
  client = new BosClient(new BceClientConfiguration({ credentials: new BceCredentials(emu.accessKeyId, emu.secretAccessKey), endpoint: emu.endpoint }));
  await client.create_bucket(B);
  await client.create_bucket(OTHER);
  const faults = emu.faults as unknown as { decide: (vendor: string, operation: string) => unknown };
  const decide = faults.decide.bind(faults);
  faults.decide = (vendor, operation) => {
    requests.push(operation);
    return decide(vendor, operation);
  };
});
afterAll(async () => {
  await client.close();
  await emu.stop();
});
beforeEach(() => {
  requests = [];
});

describe('upload_part_copy', () => {
  it('copies byte ranges of sources in two buckets into parts; the completed object is byte-identical', async () => {
    const a = Buffer.from(`${'A'.repeat(2000)}end-of-a`);
    const b = Buffer.from('b'.repeat(1500));
    await client.put_object_from_string(B, 'src/第一.bin', a.toString());
    await client.put_object_from_string(OTHER, 'src/b.bin', b.toString());
    const key = 'dst/拼接.bin';
    const { upload_id } = await client.initiate_multipart_upload(B, key, { content_type: 'application/x-test' });
    const p1 = await client.upload_part_copy(B, 'src/第一.bin', B, key, upload_id, 1, 1200, 0);
    expect(p1.e_tag).toMatch(/^[0-9a-f]{32}$/);
    expect(p1.etag).toBe(p1.e_tag);
    expect(p1.last_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(p1.metadata.bce_request_id).toBeTruthy();
    const p2 = await client.uploadPartCopy(OTHER, 'src/b.bin', B, key, upload_id, 2, b.length, 0);
    const p3 = await client.upload_part_copy(B, 'src/第一.bin', B, key, upload_id, 3, a.length - 1200, 1200, {
      etag: (await client.get_object_meta_data(B, 'src/第一.bin')).metadata.etag!,
    });
    const parts = await client.list_parts(B, key, upload_id);
    expect(parts.parts.map((p) => [p.part_number, p.size, p.etag])).toEqual([
      [1, 1200, p1.etag],
      [2, 1500, p2.etag],
      [3, a.length - 1200, p3.etag],
    ]);
    await client.complete_multipart_upload(
      B,
      key,
      upload_id,
      [p1, p2, p3].map((p, i) => ({ partNumber: i + 1, eTag: p.e_tag })),
      {
        user_metadata: { origin: 'copy' },
      },
    );
    const got = (await client.get_object(B, key)).data;
    const chunks: Buffer[] = [];
    for await (const chunk of got) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.concat([a.subarray(0, 1200), b, a.subarray(1200)]))).toBe(true);
    const head = await client.get_object_meta_data(B, key);
    expect([head.metadata.content_type, head.metadata.user_metadata]).toEqual(['application/x-test', { origin: 'copy' }]);
  });

  it('BOS errors: etag mismatch 412, a range past the end, no such source, no such upload', async () => {
    await client.put_object_from_string(B, 'src/small.txt', 'small');
    const { upload_id } = await client.initiate_multipart_upload(B, 'dst/refused');
    const stale = await serverError(client.upload_part_copy(B, 'src/small.txt', B, 'dst/refused', upload_id, 1, 5, 0, { etag: '0'.repeat(32) }));
    expect([stale.status_code, stale.code]).toEqual([412, 'PreconditionFailed']);
    const past = await serverError(client.upload_part_copy(B, 'src/small.txt', B, 'dst/refused', upload_id, 1, 6, 0));
    expect([past.status_code, past.code]).toEqual([416, 'InvalidRange']);
    const noKey = await serverError(client.upload_part_copy(B, 'src/none', B, 'dst/refused', upload_id, 1, 1, 0));
    expect([noKey.status_code, noKey.code]).toEqual([404, 'NoSuchKey']);
    const noUpload = await serverError(client.upload_part_copy(B, 'src/small.txt', B, 'dst/refused', 'nope', 1, 1, 0));
    expect([noUpload.status_code, noUpload.code]).toEqual([404, 'NoSuchUpload']);
    expect((await client.list_parts(B, 'dst/refused', upload_id)).parts).toEqual([]);
    await client.abort_multipart_upload(B, 'dst/refused', upload_id);
  });

  it('refuses bad arguments before any request, naming the parameter', async () => {
    const ok = ['src', 'k', B, 'dst', 'upload-id', 1, 10, 0] as const;
    const call = (i: number, value: unknown, options?: object): Promise<unknown> => {
      const args: unknown[] = [...ok];
      args[i] = value;
      return (client.upload_part_copy as (...a: unknown[]) => Promise<unknown>).call(client, ...args, options);
    };
    await expect(call(0, 'Bad_Bucket')).rejects.toThrow(BceInvalidArgumentError);
    await expect(call(0, 'Bad_Bucket')).rejects.toThrow(/source_bucket_name/);
    await expect(call(1, '')).rejects.toThrow(/source_key/);
    await expect(call(2, undefined)).rejects.toThrow(/target_bucket_name/);
    await expect(call(3, '/abs')).rejects.toThrow(/target_key/);
    await expect(call(4, 42)).rejects.toThrow(TypeError);
    await expect(call(4, 42)).rejects.toThrow(/upload_id/);
    await expect(call(5, 0)).rejects.toThrow(/part_number/);
    await expect(call(5, 10001)).rejects.toThrow(ValueError);
    await expect(call(6, 0)).rejects.toThrow(/part_size/);
    await expect(call(6, 5 * 1024 ** 3 + 1)).rejects.toThrow(/part_size/);
    await expect(call(6, 1.5)).rejects.toThrow(TypeError);
    await expect(call(7, -1)).rejects.toThrow(/offset/);
    await expect(call(7, 0, { etag: 5 })).rejects.toThrow(/etag/);
    await expect(call(7, 0, { user_metadata: { a: 1 } })).rejects.toThrow(/user_metadata/);
    expect(requests).toEqual([]);
  });
});

describe('delete_multiple_objects', () => {
  it('deletes the keys in one request; errors is empty when all were deleted', async () => {
    const keys = ['m/a.txt', 'm/中 文.txt', 'm/50%.txt', 'm/dir/'];
    for (const k of keys) await client.put_object_from_string(B, k, k);
    requests = [];
    const res = await client.delete_multiple_objects(B, keys);
    expect(res.errors).toEqual([]);
    expect(res.metadata.bce_request_id).toBeTruthy();
    expect(requests).toEqual(['delete_multiple_objects']);
    expect((await client.list_objects(B, { prefix: 'm/' })).contents).toEqual([]);
  });

  it('reports only the keys that failed, snake_case, and deletes the others', async () => {
    await client.put_object_from_string(B, 'n/here', 'x');
    const res = await client.deleteMultipleObjects(B, ['n/missing', 'n/here']);
    expect(res.errors).toEqual([{ key: 'n/missing', code: 'NoSuchKey', message: 'The specified key does not exist.' }]);
    expect((await serverError(client.get_object_meta_data(B, 'n/here'))).status_code).toBe(404);
    const noBucket = await serverError(client.delete_multiple_objects('no-such-bucket', ['a']));
    expect([noBucket.status_code, noBucket.code]).toEqual([404, 'NoSuchBucket']);
  });

  it('refuses bad arguments before any request, naming the parameter', async () => {
    const call = (bucket: unknown, keys: unknown): Promise<unknown> =>
      (client.delete_multiple_objects as (...a: unknown[]) => Promise<unknown>).call(client, bucket, keys);
    await expect(call('', ['a'])).rejects.toThrow(/bucket_name/);
    await expect(call(B, 'a')).rejects.toThrow(TypeError);
    await expect(call(B, 'a')).rejects.toThrow(/key_list/);
    await expect(call(B, [])).rejects.toThrow(ValueError);
    await expect(
      call(
        B,
        Array.from({ length: 1001 }, (_, i) => `k${i}`),
      ),
    ).rejects.toThrow(/key_list.*1000/);
    await expect(call(B, ['ok', 7])).rejects.toThrow(/key_list\[1\]/);
    await expect(call(B, ['ok', '/abs'])).rejects.toThrow(BceInvalidArgumentError);
    expect(requests).toEqual([]);
  });
});
