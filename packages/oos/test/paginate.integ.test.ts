/**
 * Issue 15: boto3's `get_paginator(...)` for the OOS listings, following
 * botocore's paginator definitions (tokens, PageSize → the limit parameter,
 * MaxItems with resume tokens, build_full_result).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@yunstore/emulator';
import { oos, Config, OperationNotPageableError, PaginationError, ParamValidationError, type ListObjectsOutput, type S3Client } from '../src/index.ts';
import { AK, bucketName, emulator, s3, SK } from './helpers.ts';
import { countingDispatcher } from './undici.ts';

let emu: Emulator;
let client: S3Client;
let bucket: string;
/** 25 keys in listing order: `a/00`..`a/19`, then `b/20`..`b/24`. */
const KEYS = Array.from({ length: 25 }, (_, i) => `${i < 20 ? 'a' : 'b'}/${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  emu = await emulator();
  client = s3(emu.endpoints.oos);
  bucket = bucketName('pg');
  await client.create_bucket({ Bucket: bucket });
  for (const Key of KEYS) await client.put_object({ Bucket: bucket, Key, Body: Key });
});
afterAll(async () => {
  await client?.close();
  await emu?.stop();
});

async function pagesOf<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

const keysOf = (pages: ListObjectsOutput[]): string[] => pages.flatMap((p) => (p.Contents ?? []).map((c) => c.Key ?? ''));

describe('get_paginator("list_objects")', () => {
  it('gives every page, PageSize sent as MaxKeys, one request per page', async () => {
    const counter = countingDispatcher((method) => method === 'GET');
    const counted = oos.client('s3', {
      endpoint_url: emu.endpoints.oos,
      access_key_id: AK,
      secret_access_key: SK,
      config: new Config({ dispatcher: counter.dispatcher }),
    });
    const pages = await pagesOf(counted.get_paginator('list_objects').paginate({ Bucket: bucket, PaginationConfig: { PageSize: 10 } }));
    expect(pages.map((p) => p.Contents?.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.MaxKeys)).toEqual([10, 10, 10]);
    expect(keysOf(pages)).toEqual(KEYS);
    expect(counter.count()).toBe(3);
    await counted.close();
  });

  it('with a Delimiter, pages carry CommonPrefixes and the NextMarker token', async () => {
    const pages = await pagesOf(client.getPaginator('listObjects').paginate({ Bucket: bucket, Delimiter: '/', PaginationConfig: { PageSize: 1 } }));
    expect(pages.flatMap((p) => (p.CommonPrefixes ?? []).map((c) => c.Prefix))).toEqual(['a/', 'b/']);
  });

  it('MaxItems stops inside a page; the resume token continues exactly there', async () => {
    const first = client.get_paginator('list_objects').paginate({ Bucket: bucket, PaginationConfig: { PageSize: 5, MaxItems: 12 } });
    const head = await pagesOf(first);
    expect(head.map((p) => p.Contents?.length)).toEqual([5, 5, 2]);
    expect(first.resume_token).toEqual(expect.any(String));
    expect(first.resumeToken).toBe(first.resume_token);

    const rest = client.get_paginator('list_objects').paginate({
      Bucket: bucket,
      PaginationConfig: { PageSize: 5, StartingToken: first.resume_token as string },
    });
    const tail = await pagesOf(rest);
    expect([...keysOf(head), ...keysOf(tail)]).toEqual(KEYS);
    expect(rest.resume_token).toBeUndefined();
  });

  it('MaxItems on a page boundary gives the next page token', async () => {
    const first = client.get_paginator('list_objects').paginate({ Bucket: bucket, PaginationConfig: { PageSize: 5, MaxItems: 10 } });
    const head = await pagesOf(first);
    expect(head.map((p) => p.Contents?.length)).toEqual([5, 5]);
    const tail = await pagesOf(
      client.get_paginator('list_objects').paginate({ Bucket: bucket, PaginationConfig: { MaxItems: 100, StartingToken: first.resume_token as string } }),
    );
    expect([...keysOf(head), ...keysOf(tail)]).toEqual(KEYS);
  });

  it('build_full_result aggregates the lists and reports NextToken when cut short', async () => {
    const all = await client
      .get_paginator('list_objects')
      .paginate({ Bucket: bucket, PaginationConfig: { PageSize: 7 } })
      .build_full_result();
    expect(all.Contents?.map((c) => c.Key)).toEqual(KEYS);
    expect(all.NextToken).toBeUndefined();
    expect('ResponseMetadata' in all).toBe(false);

    const some = await client
      .get_paginator('list_objects')
      .paginate({ Bucket: bucket, PaginationConfig: { MaxItems: 3 } })
      .buildFullResult();
    expect(some.Contents?.map((c) => c.Key)).toEqual(KEYS.slice(0, 3));
    expect(some.NextToken).toEqual(expect.any(String));
  });

  it('each iteration starts again from the first page', async () => {
    const iterator = client.get_paginator('list_objects').paginate({ Bucket: bucket, Prefix: 'b/', PaginationConfig: { PageSize: 2 } });
    expect(keysOf(await pagesOf(iterator))).toEqual(KEYS.slice(20));
    expect(keysOf(await pagesOf(iterator))).toEqual(KEYS.slice(20));
  });
});

describe('get_paginator for uploads and parts', () => {
  it('list_multipart_uploads pages by KeyMarker/UploadIdMarker', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { UploadId } = await client.create_multipart_upload({ Bucket: bucket, Key: `up/${i}` });
      ids.push(UploadId ?? '');
    }
    const pages = await pagesOf(client.get_paginator('list_multipart_uploads').paginate({ Bucket: bucket, PaginationConfig: { PageSize: 2 } }));
    expect(pages.map((p) => p.Uploads?.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.Uploads ?? []).map((u) => u.UploadId)).toEqual(expect.arrayContaining(ids));
    for (const [i, id] of ids.entries()) await client.abort_multipart_upload({ Bucket: bucket, Key: `up/${i}`, UploadId: id });
  });

  it('list_parts pages by PartNumberMarker; build_full_result keeps Bucket, Key and UploadId', async () => {
    const { UploadId = '' } = await client.create_multipart_upload({ Bucket: bucket, Key: 'parts.bin' });
    for (let n = 1; n <= 7; n++) await client.upload_part({ Bucket: bucket, Key: 'parts.bin', UploadId, PartNumber: n, Body: Buffer.alloc(2048, n) });
    const paginator = client.get_paginator('list_parts');
    const pages = await pagesOf(paginator.paginate({ Bucket: bucket, Key: 'parts.bin', UploadId, PaginationConfig: { PageSize: 3 } }));
    expect(pages.map((p) => p.Parts?.map((x) => x.PartNumber))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    const full = await paginator.paginate({ Bucket: bucket, Key: 'parts.bin', UploadId, PaginationConfig: { PageSize: 3 } }).build_full_result();
    expect(full.Parts?.length).toBe(7);
    expect([full.Bucket, full.Key, full.UploadId]).toEqual([bucket, 'parts.bin', UploadId]);
    await client.abort_multipart_upload({ Bucket: bucket, Key: 'parts.bin', UploadId });
  });

  it('list_buckets is one page (OOS answers every bucket at once)', async () => {
    const pages = await pagesOf(client.get_paginator('list_buckets').paginate());
    expect(pages).toHaveLength(1);
    expect(pages[0]?.Buckets.map((b) => b.Name)).toContain(bucket);
    expect(() => client.get_paginator('list_buckets').paginate({ PaginationConfig: { PageSize: 1 } })).toThrow(PaginationError);
  });
});

describe('what botocore refuses', () => {
  it('an operation without a paginator: OperationNotPageableError; can_paginate says so', () => {
    expect(() => client.get_paginator('list_objects_v2' as never)).toThrow(OperationNotPageableError);
    expect(() => client.get_paginator('get_object' as never)).toThrow(/Operation cannot be paginated: get_object/);
    expect(client.can_paginate('list_objects')).toBe(true);
    expect(client.canPaginate('listParts')).toBe(true);
    expect(client.can_paginate('list_objects_v2')).toBe(false);
    expect(client.exceptions.OperationNotPageableError).toBe(OperationNotPageableError);
  });

  it('bad parameters are refused when paginate() is called, before any request', () => {
    const paginator = client.get_paginator('list_objects');
    expect(() => paginator.paginate({} as never)).toThrow(/Missing required parameter in input: "Bucket"/);
    expect(() => paginator.paginate({ Bucket: bucket, PaginationConfig: { PageSize: 0 } })).toThrow(ParamValidationError);
    expect(() => paginator.paginate({ Bucket: bucket, PaginationConfig: { MaxItem: 3 } as never })).toThrow(/Unknown parameter in PaginationConfig: "MaxItem"/);
  });

  it('a StartingToken that is not ours is a PaginationError', async () => {
    const pages = client.get_paginator('list_objects').paginate({ Bucket: bucket, PaginationConfig: { StartingToken: 'not-a-token' } });
    await expect(pagesOf(pages)).rejects.toThrow(PaginationError);
  });
});
