import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosClientError, CosS3Client, CosServiceError, type CosCredentials } from '../src/index.ts';
import { caught, SECRET_ID, SECRET_KEY, startHarness, stopHarness, TMP_ID, TMP_KEY, TMP_TOKEN, type Harness } from './helpers.ts';

let h: Harness;
const PUBLIC = 'public-1250000000';
const PRIVATE = 'private-1250000000';

beforeAll(async () => {
  h = await startHarness();
  await h.client.create_bucket({ Bucket: PUBLIC, ACL: 'public-read' });
  await h.client.create_bucket({ Bucket: PRIVATE });
  await h.client.put_object({ Bucket: PUBLIC, Key: 'hello.txt', Body: 'hello public' });
  await h.client.put_object({ Bucket: PRIVATE, Key: 'hello.txt', Body: 'hello private' });
});
afterAll(async () => {
  await stopHarness(h);
});

/** A client without SecretId/SecretKey in its options. */
function clientWith(extra: Parameters<Harness['options']>[0]): CosS3Client {
  const { SecretId: _id, SecretKey: _key, ...rest } = h.options();
  return new CosS3Client({ ...rest, ...extra });
}

describe('CosConfig(Anonymous=True): unsigned requests', () => {
  it('reads a public-read bucket without keys, and sends no Authorization', async () => {
    const anon = clientWith({ Anonymous: true });
    try {
      const got = await anon.get_object({ Bucket: PUBLIC, Key: 'hello.txt' });
      expect(await got.Body.text()).toBe('hello public');
      const listed = await anon.list_objects({ Bucket: PUBLIC });
      expect(listed.Contents?.map((c) => c.Key)).toEqual(['hello.txt']);
    } finally {
      await anon.close();
    }
  });

  it('a private bucket answers AccessDenied as a CosServiceError', async () => {
    const anon = clientWith({ Anonymous: true });
    try {
      const error = await caught(() => anon.get_object({ Bucket: PRIVATE, Key: 'hello.txt' }));
      expect(error).toBeInstanceOf(CosServiceError);
      expect((error as CosServiceError).get_error_code()).toBe('AccessDenied');
      expect((error as CosServiceError).get_status_code()).toBe(403);
    } finally {
      await anon.close();
    }
  });

  it('presigning needs keys: CosClientError, thrown at once', () => {
    const anon = clientWith({ Anonymous: true });
    expect(() => anon.get_presigned_download_url({ Bucket: PUBLIC, Key: 'hello.txt' })).toThrow(/Anonymous/);
    expect(typeof anon.get_object_url(PUBLIC, 'hello.txt')).toBe('string');
    return anon.close();
  });
});

describe('CredentialInstance: keys from a provider, asked again before they expire', () => {
  it('a function provider (STS spellings) signs with temporary keys and its token', async () => {
    let asked = 0;
    const provider = async (): Promise<CosCredentials> => {
      asked++;
      return { TmpSecretId: TMP_ID, TmpSecretKey: TMP_KEY, Token: TMP_TOKEN, ExpiredTime: Math.floor(Date.now() / 1000) + 3600 };
    };
    const c = clientWith({ CredentialInstance: provider });
    try {
      await Promise.all([c.head_object({ Bucket: PRIVATE, Key: 'hello.txt' }), c.head_bucket({ Bucket: PRIVATE })]);
      const got = await c.get_object({ Bucket: PRIVATE, Key: 'hello.txt' });
      expect(await got.Body.text()).toBe('hello private');
      // One hour of validity: asked once, shared by concurrent calls.
      expect(asked).toBe(1);
      expect(typeof c.get_presigned_download_url({ Bucket: PRIVATE, Key: 'hello.txt' })).toBe('string');
    } finally {
      await c.close();
    }
  });

  it('keys that expire within the refresh window are asked for again on the next call', async () => {
    const answers: CosCredentials[] = [
      // Already inside the 5-minute window: the next call must ask again.
      { SecretId: 'AKIDwrongKEY', SecretKey: 'wrong', ExpiredTime: Math.floor(Date.now() / 1000) + 60 },
      { SecretId: SECRET_ID, SecretKey: SECRET_KEY, ExpiredTime: Math.floor(Date.now() / 1000) + 3600 },
    ];
    let asked = 0;
    const c = clientWith({ CredentialInstance: () => answers[Math.min(asked++, answers.length - 1)] as CosCredentials });
    try {
      // The first answer is used for the first call (it has not expired yet) and fails on the server.
      const first = await caught(() => c.head_bucket({ Bucket: PRIVATE }));
      expect(first).toBeInstanceOf(CosServiceError);
      expect(await c.bucket_exists({ Bucket: PRIVATE })).toBe(true);
      expect(asked).toBeGreaterThanOrEqual(2);
    } finally {
      await c.close();
    }
  });

  it('keys due for refresh are asked for again before each request of one call (a multipart upload_file), not once per method', async () => {
    let asked = 0;
    // Valid keys, but always inside the 5-minute refresh window: every request must ask again.
    const provider = (): CosCredentials => {
      asked++;
      return { SecretId: SECRET_ID, SecretKey: SECRET_KEY, ExpiredTime: Math.floor(Date.now() / 1000) + 60 };
    };
    const c = clientWith({ CredentialInstance: provider });
    const dir = await mkdtemp(join(tmpdir(), 'cos-cred-'));
    try {
      const file = join(dir, 'parts.bin');
      await writeFile(file, Buffer.alloc(2 * 1024 * 1024 + 5, 7));
      const res = await c.upload_file({ Bucket: PRIVATE, Key: 'parts.bin', LocalFilePath: file, PartSize: 1, MAXThread: 1, multipart_threshold: 1024 });
      expect(res['ETag']).toBeTruthy();
      // Initiate, three parts and complete are separate requests, one after another.
      expect(asked).toBeGreaterThanOrEqual(5);
    } finally {
      await c.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the Python SDK's CredentialInstance object: secret_id, secret_key and token read for every signature", async () => {
    let reads = 0;
    const instance = {
      get secret_id() {
        reads++;
        return TMP_ID;
      },
      secret_key: TMP_KEY,
      token: TMP_TOKEN,
    };
    const c = clientWith({ CredentialInstance: instance });
    try {
      await c.head_object({ Bucket: PRIVATE, Key: 'hello.txt' });
      await c.head_object({ Bucket: PRIVATE, Key: 'hello.txt' });
      expect(reads).toBe(2);
    } finally {
      await c.close();
    }
  });

  it('a provider that fails or answers without keys gives CosClientError, and no request', async () => {
    const broken = clientWith({
      CredentialInstance: async () => {
        throw new Error('metadata service unreachable');
      },
    });
    const empty = clientWith({ CredentialInstance: () => ({ SecretId: '', SecretKey: '' }) });
    try {
      const e1 = await caught(() => broken.head_bucket({ Bucket: PRIVATE }));
      expect(e1).toBeInstanceOf(CosClientError);
      expect((e1 as CosClientError).message).toMatch(/metadata service unreachable/);
      const e2 = await caught(() => empty.head_bucket({ Bucket: PRIVATE }));
      expect(e2).toBeInstanceOf(CosClientError);
      expect((e2 as CosClientError).message).toMatch(/no SecretId\/SecretKey/);
    } finally {
      await broken.close();
      await empty.close();
    }
  });

  it('fixed keys win over a provider, as in the Python SDK', async () => {
    let asked = 0;
    const c = new CosS3Client(
      h.options({
        CredentialInstance: () => {
          asked++;
          return { SecretId: 'x', SecretKey: 'y' };
        },
      }),
    );
    try {
      expect(await c.bucket_exists({ Bucket: PRIVATE })).toBe(true);
      expect(asked).toBe(0);
    } finally {
      await c.close();
    }
  });

  it('the provider never shows in JSON.stringify(config)', () => {
    const c = clientWith({ CredentialInstance: { secret_id: TMP_ID, secret_key: TMP_KEY, token: TMP_TOKEN } });
    expect(JSON.stringify(c.config)).not.toContain(TMP_KEY);
    return c.close();
  });
});
