/**
 * CosEncryptionClient against the emulator: objects the Python SDK wrote
 * (the shared fixtures, stored byte for byte), our own round trips with
 * every body type, metadata, the errors for plain objects and wrong
 * providers.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { md5Hex } from '@yunstore/core';
import { AESProvider, CosClientError, CosEncryptionClient, isClientSideEncrypted, RSAProvider, type CosS3Client } from '../src/index.ts';
import {
  AES_KEY_FILE,
  cases,
  nodeAllowsPkcs1v15,
  payload,
  providerFor,
  rangeBounds,
  RSA_PRIVATE_FILE,
  RSA_PUBLIC_FILE,
  type FixtureCase,
} from './encryption-helpers.ts';
import { caught, startHarness, stopHarness, type Harness } from './helpers.ts';

const Bucket = 'csefixtures-1250000000';
let h: Harness;
let plain: CosS3Client;
let aes: CosEncryptionClient;
let rsa: CosEncryptionClient;
let dir: string;

/** Stores a fixture exactly as the Python SDK left it: ciphertext plus the two metadata headers (multipart with its parts). */
async function storeFixture(c: FixtureCase): Promise<void> {
  const Metadata = {
    'x-cos-meta-client-side-encryption-key': c.wrapped_key_b64,
    'x-cos-meta-client-side-encryption-iv': c.wrapped_iv_b64,
  };
  const cipher = payload(c, 'cipher');
  if (!c.parts) {
    await plain.put_object({ Bucket, Key: c.object_key, Body: cipher, Metadata });
    return;
  }
  const { UploadId } = await plain.create_multipart_upload({ Bucket, Key: c.object_key, Metadata });
  const Part = [];
  for (const p of c.parts) {
    const res = await plain.upload_part({ Bucket, Key: c.object_key, UploadId, PartNumber: p.part_number, Body: cipher.subarray(p.offset, p.offset + p.size) });
    expect(res['ETag']).toBe(p.etag);
    Part.push({ PartNumber: p.part_number, ETag: p.etag });
  }
  await plain.complete_multipart_upload({ Bucket, Key: c.object_key, UploadId, MultipartUpload: { Part } });
}

function clientFor(c: FixtureCase): CosEncryptionClient {
  return new CosEncryptionClient(h.options(), providerFor(c));
}

beforeAll(async () => {
  h = await startHarness();
  plain = h.client;
  await plain.create_bucket({ Bucket });
  aes = new CosEncryptionClient(h.options(), new AESProvider({ aes_key_path: AES_KEY_FILE }));
  rsa = new CosEncryptionClient(h.options(), new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE) }));
  dir = await mkdtemp(join(tmpdir(), 'yunstore-cse-'));
  for (const c of cases) await storeFixture(c);
}, 60_000);
afterAll(async () => {
  await aes?.close();
  await rsa?.close();
  await stopHarness(h);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const readableCases = cases.filter((c) => c.key_material.loaded_as !== 'values' || nodeAllowsPkcs1v15());

describe('objects written by the Python SDK', () => {
  it.each(readableCases.map((c) => [c.id, c] as const))('%s: get_object decrypts byte-identically', async (_id, c) => {
    const client = clientFor(c);
    try {
      const res = await client.get_object({ Bucket, Key: c.object_key });
      expect((await res.Body.read()).equals(payload(c, 'plain'))).toBe(true);
      expect(res['Content-Length']).toBe(String(c.size));
    } finally {
      await client.close();
    }
  });

  it.each(readableCases.filter((c) => c.size > 0).map((c) => [c.id, c] as const))(
    '%s: ranged reads at odd offsets, across part boundaries, past the end and from the end',
    async (_id, c) => {
      const client = clientFor(c);
      const whole = payload(c, 'plain');
      const ranges = new Set(c.sdk_reads.map((r) => /Range='([^']+)'/.exec(r.call)?.[1]).filter((r): r is string => r !== undefined));
      for (const r of ['bytes=0-0', `bytes=${c.size - 1}-`, `bytes=0-${c.size + 100}`, 'bytes=-5', `bytes=-${c.size + 3}`]) ranges.add(r);
      if (c.size > 20) for (const r of ['bytes=3-19', 'bytes=15-16', 'bytes=17-']) ranges.add(r);
      for (const p of c.parts ?? []) if (p.offset > 0) ranges.add(`bytes=${p.offset - 9}-${p.offset + 2}`);
      try {
        for (const Range of ranges) {
          const { start, end } = rangeBounds(Range, c.size);
          const res = await client.get_object({ Bucket, Key: c.object_key, Range });
          const got = await res.Body.read();
          expect(got.equals(whole.subarray(start, end + 1)), Range).toBe(true);
        }
      } finally {
        await client.close();
      }
    },
    60_000,
  );

  it('Body.get_stream_to_file and get_raw_stream decrypt too', async () => {
    const c = cases.find((x) => x.parts) as FixtureCase;
    const target = join(dir, 'multipart.bin');
    await (await aes.get_object({ Bucket, Key: c.object_key })).Body.get_stream_to_file(target);
    expect((await readFile(target)).equals(payload(c, 'plain'))).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of (await aes.get_object(Bucket, c.object_key, { Range: 'bytes=1048570-1048600' })).Body.get_raw_stream())
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(payload(c, 'plain').subarray(1048570, 1048601))).toBe(true);
  });

  it('a plain get_object of them is flagged by isClientSideEncrypted (the bytes are the ciphertext)', async () => {
    const c = cases.find((x) => x.id === 'aes-size1000') as FixtureCase;
    const res = await plain.get_object({ Bucket, Key: c.object_key });
    expect(isClientSideEncrypted(res)).toBe(true);
    expect(res.Body.client_side_encrypted).toBe(true);
    expect((await res.Body.read()).equals(payload(c, 'cipher'))).toBe(true);
    expect(isClientSideEncrypted(await plain.head_object({ Bucket, Key: c.object_key }))).toBe(true);
  });
});

describe('our round trips', () => {
  const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) % 256));
  const bodies: Array<[string, () => unknown]> = [
    ['Buffer', () => data],
    ['Uint8Array', () => new Uint8Array(data)],
    ['ArrayBuffer', () => data.buffer.slice(data.byteOffset, data.byteOffset + data.length)],
    ['Blob', () => new Blob([data])],
    ['Readable', () => Readable.from([data.subarray(0, 1000), data.subarray(1000, 2001), data.subarray(2001)])],
    ['web ReadableStream', () => Readable.toWeb(Readable.from([data]))],
    [
      'async iterable',
      () =>
        (async function* () {
          yield data.subarray(0, 17);
          yield data.subarray(17);
        })(),
    ],
  ];
  it.each(bodies)('put_object with a %s body encrypts while streaming; get_object gives it back', async (name, make) => {
    for (const client of [aes, rsa]) {
      const Key = `rt/${client.provider.kind}/${name}`;
      await client.put_object({ Bucket, Key, Body: make() as Buffer });
      const stored = await (await plain.get_object({ Bucket, Key })).Body.read();
      expect(stored.length).toBe(data.length);
      expect(stored.equals(data)).toBe(false);
      expect((await (await client.get_object({ Bucket, Key })).Body.read()).equals(data)).toBe(true);
    }
  });

  it('a string body, a file stream and put_object_from_local_file', async () => {
    await aes.put_object(Bucket, '中文 and ascii', 'rt/string', true);
    expect(await (await aes.get_object({ Bucket, Key: 'rt/string' })).Body.text()).toBe('中文 and ascii');
    const file = join(dir, 'rt.bin');
    await writeFile(file, data);
    await rsa.put_object({ Bucket, Key: 'rt/file-stream', Body: createReadStream(file) });
    await rsa.put_object_from_local_file({ Bucket, Key: 'rt/local-file', LocalFilePath: file });
    for (const Key of ['rt/file-stream', 'rt/local-file']) expect((await (await rsa.get_object({ Bucket, Key })).Body.read()).equals(data)).toBe(true);
  });

  it.each([0, 1, 15, 16, 17, 1000, 2 * 1024 * 1024 + 5])('size %i round-trips with both providers', async (size) => {
    const bytes = Buffer.alloc(size, 0x5a);
    for (const client of [aes, rsa]) {
      const Key = `rt/size/${client.provider.kind}/${size}`;
      await client.put_object({ Bucket, Key, Body: bytes, EnableMD5: true });
      const res = await client.get_object({ Bucket, Key });
      expect((await res.Body.read()).equals(bytes)).toBe(true);
    }
  });

  it('user Metadata and ContentType are kept next to the encryption headers', async () => {
    await aes.put_object({ Bucket, Key: 'rt/meta', Body: 'x', ContentType: 'text/plain', Metadata: { 'x-cos-meta-owner': 'alice', team: 'storage' } });
    const head = await aes.head_object({ Bucket, Key: 'rt/meta' });
    expect(head['x-cos-meta-owner']).toBe('alice');
    expect(head['x-cos-meta-team']).toBe('storage');
    expect(head['Content-Type']).toBe('text/plain');
    expect(head['x-cos-meta-client-side-encryption-key']).toHaveLength(44);
    const error = await caught(() => aes.put_object({ Bucket, Key: 'rt/meta2', Body: 'x', Metadata: { 'client-side-encryption-iv': 'x' } }));
    expect((error as CosClientError).code).toBe('InvalidArgument');
  });

  it('a conditional get_object answered 304 gives an empty Body, as the plain client does', async () => {
    const put = await aes.put_object({ Bucket, Key: 'rt/304', Body: 'hello' });
    const res = await aes.get_object({ Bucket, Key: 'rt/304', IfNoneMatch: put['ETag'] as string });
    expect((await res.Body.read()).length).toBe(0);
    expect(await (await aes.get_object({ Bucket, Key: 'rt/304', IfMatch: put['ETag'] as string })).Body.text()).toBe('hello');
  });

  it('a caller ContentMD5 is refused (COS checks the ciphertext)', async () => {
    const error = await caught(() => aes.put_object({ Bucket, Key: 'rt/md5', Body: 'x', ContentMD5: 'AAAAAAAAAAAAAAAAAAAAAA==' }));
    expect(error).toBeInstanceOf(CosClientError);
    expect(await plain.object_exists({ Bucket, Key: 'rt/md5' })).toBe(false);
  });
});

describe('wrong reader', () => {
  it('a plain object through the encryption client is NotClientSideEncrypted', async () => {
    await plain.put_object({ Bucket, Key: 'plain/object', Body: 'not encrypted' });
    const error = await caught(() => aes.get_object({ Bucket, Key: 'plain/object' }));
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('NotClientSideEncrypted');
    // The connection was released: the client still works.
    const again = await plain.get_object({ Bucket, Key: 'plain/object' });
    expect(again.Body.client_side_encrypted).toBe(false);
    expect(await again.Body.text()).toBe('not encrypted');
  });

  it('an RSA object through an AES client, and the reverse, are WrongEncryptionProvider', async () => {
    const rsaCase = cases.find((c) => c.id === 'rsa-oaep-size1000') as FixtureCase;
    const aesCase = cases.find((c) => c.id === 'aes-size1000') as FixtureCase;
    expect(((await caught(() => aes.get_object({ Bucket, Key: rsaCase.object_key }))) as CosClientError).code).toBe('WrongEncryptionProvider');
    expect(((await caught(() => rsa.get_object({ Bucket, Key: aesCase.object_key }))) as CosClientError).code).toBe('WrongEncryptionProvider');
  });

  it('another RSA key pair cannot unwrap (an error, never ciphertext)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = (k: typeof other.publicKey): string => k.export({ type: 'spki', format: 'pem' }) as string;
    const wrong = new CosEncryptionClient(
      h.options(),
      new RSAProvider({
        key_pair_info: RSAProvider.get_rsa_key_pair(pem(other.publicKey), other.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
      }),
    );
    try {
      const error = await caught(() => wrong.get_object({ Bucket, Key: 'cse/rsa/1000.bin' }));
      expect(error).toBeInstanceOf(CosClientError);
      expect(['WrongEncryptionKey', 'Pkcs1v15Refused']).toContain((error as CosClientError).code);
    } finally {
      await wrong.close();
    }
  });

  it('a wrong AES master key is not detectable: the bytes come back wrong (documented)', async () => {
    const wrong = new CosEncryptionClient(h.options(), new AESProvider({ aes_key: AESProvider.generate_aes_key() }));
    try {
      const c = cases.find((x) => x.id === 'aes-size1000') as FixtureCase;
      const got = await (await wrong.get_object({ Bucket, Key: c.object_key })).Body.read();
      expect(got.length).toBe(1000);
      expect(md5Hex(got)).not.toBe(md5Hex(payload(c, 'plain')));
    } finally {
      await wrong.close();
    }
  });
});
