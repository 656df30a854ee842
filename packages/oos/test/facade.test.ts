/**
 * The clients as core's `defineMethods` builds them from the operation
 * tables: every entry under its seed name and camelCase twin (one
 * function), bound so it works detached, invisible to `inspect` and
 * `Object.keys`, synchronous where boto3 is.
 */
import { inspect } from 'node:util';
import { camelCase } from '@yunstore/core';
import { describe, expect, it } from 'vitest';
import { IAM_METHODS, S3_METHODS, S3_OPERATIONS } from '../src/client.ts';
import { IamClient, OperationNotPageableError, oos, ParamValidationError, S3Client } from '../src/index.ts';

const opts = { endpoint_url: 'http://127.0.0.1:9', access_key_id: 'ak', secret_access_key: 'facade-test-secret' };

/** The client's members as a plain record, to look names up by string. */
function members(client: object): Record<string, unknown> {
  return client as Record<string, unknown>;
}

describe('operation tables', () => {
  it('the S3 table holds every operation and the boto3 helpers', () => {
    expect(Object.keys(S3_METHODS)).toEqual(expect.arrayContaining(Object.keys(S3_OPERATIONS)));
    expect(Object.keys(S3_METHODS)).toEqual(
      expect.arrayContaining([
        'can_paginate',
        'get_paginator',
        'generate_presigned_url',
        'upload_file',
        'download_file',
        'upload_fileobj',
        'download_fileobj',
        'copy',
      ]),
    );
    expect(Object.keys(IAM_METHODS).sort()).toEqual(['create_access_key', 'delete_access_key', 'list_access_key', 'update_access_key']);
  });

  for (const [Client, table, service] of [
    [S3Client, S3_METHODS, 's3'],
    [IamClient, IAM_METHODS, 'iam'],
  ] as const) {
    it(`${Client.name}: every entry is on the prototype under its seed name and camelCase twin, the same function`, () => {
      const proto = Client.prototype as unknown as Record<string, unknown>;
      for (const name of Object.keys(table)) {
        expect(typeof proto[name], name).toBe('function');
        expect(proto[camelCase(name)], camelCase(name)).toBe(proto[name]);
        expect(Object.getOwnPropertyDescriptor(Client.prototype, name)?.enumerable, name).toBe(false);
      }
    });

    it(`${Client.name}: an instance carries each method bound, twins the same bound function, none enumerable`, () => {
      const client = service === 's3' ? oos.client('s3', opts) : oos.client('iam', opts);
      const own = members(client);
      for (const name of Object.keys(table)) {
        expect(Object.hasOwn(client, name), name).toBe(true);
        expect(own[name], name).not.toBe((Client.prototype as unknown as Record<string, unknown>)[name]);
        expect(own[camelCase(name)], camelCase(name)).toBe(own[name]);
      }
      expect(Object.keys(client).sort()).toEqual(['exceptions', 'meta']);
      const shown = inspect(client, { depth: 4 });
      expect(shown).not.toContain('[Function');
      expect(shown).not.toContain(opts.secret_access_key);
    });
  }
});

describe('calls through the facade', () => {
  it('detached methods keep their client', async () => {
    const s3 = oos.client('s3', opts);
    const { put_object, headObject, generate_presigned_url, get_paginator, can_paginate, close } = s3;
    await expect(put_object({ Bucket: 'b' } as never)).rejects.toBeInstanceOf(ParamValidationError);
    await expect(headObject({ Bucket: 'b', Key: 7 } as never)).rejects.toBeInstanceOf(ParamValidationError);
    const url = generate_presigned_url('get_object', { Bucket: 'bucket', Key: 'a key' });
    expect(url.startsWith('http://127.0.0.1:9/bucket/a%20key?')).toBe(true);
    expect(typeof get_paginator('list_objects').paginate).toBe('function');
    expect(can_paginate('list_parts')).toBe(true);
    expect(can_paginate('put_object')).toBe(false);
    await close();

    const { create_access_key } = oos.client('iam', opts);
    await expect(create_access_key({} as never)).rejects.toBeInstanceOf(ParamValidationError);
  });

  it('URL, paginator and can_paginate answers are synchronous; bad arguments throw at once', () => {
    const s3 = oos.client('s3', opts);
    expect(typeof s3.generatePresignedUrl({ ClientMethod: 'head_object', Params: { Bucket: 'bucket', Key: 'k' } })).toBe('string');
    expect(() => s3.generate_presigned_url('list_buckets')).toThrow(ParamValidationError);
    expect(() => s3.getPaginator('put_object' as 'list_objects')).toThrow(OperationNotPageableError);
    expect(s3.canPaginate('listObjects')).toBe(true);
  });

  it('operations and transfers reject (never throw) for bad arguments', async () => {
    const s3 = oos.client('s3', opts);
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = s3.upload_file(42 as never, 'bucket', 'key');
    }).not.toThrow();
    await expect(pending).rejects.toBeInstanceOf(ParamValidationError);
    expect(() => {
      pending = s3.list_objects(undefined as never);
    }).not.toThrow();
    await expect(pending).rejects.toBeInstanceOf(ParamValidationError);
  });
});
