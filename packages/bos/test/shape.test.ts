import { describe, expect, it } from 'vitest';
import { snakeCase, snakeKeys, toMetadata, headerAttribute } from '../src/response.ts';
import { resolveEndpoint, BackOffRetryPolicy, NoRetryPolicy } from '../src/config.ts';
import type { ServiceFailureInfo } from '@yunstore/core';
import { BceHttpClientError, BceServerError } from '../src/errors.ts';
import { bosOrigin, bosPath } from '../src/address.ts';
import { BOS_HOOKS } from '../src/http-hooks.ts';
import { splitOptional } from '../src/args.ts';
import { guessContentType } from '../src/mime.ts';

describe('response shaping', () => {
  it('camelCase → snake_case as the Python SDK converts', () => {
    expect(snakeCase('isTruncated')).toBe('is_truncated');
    expect(snakeCase('nextPartNumberMarker')).toBe('next_part_number_marker');
    expect(snakeCase('eTag')).toBe('e_tag');
    expect(snakeCase('accessControlList')).toBe('access_control_list');
    expect(snakeCase('creationDate')).toBe('creation_date');
    expect(snakeCase('ID')).toBe('id');
  });

  it('nested JSON keeps types, and eTag is offered as e_tag and etag', () => {
    const shaped = snakeKeys({
      isTruncated: false,
      maxKeys: 1000,
      contents: [{ key: 'a', eTag: 'abc', size: 3, owner: { id: 'o', displayName: 'O' } }],
    });
    expect(shaped).toEqual({
      is_truncated: false,
      max_keys: 1000,
      contents: [{ key: 'a', e_tag: 'abc', etag: 'abc', size: 3, owner: { id: 'o', display_name: 'O' } }],
    });
  });

  it('headers → metadata: quotes stripped, x-bce- → bce_, user metadata gathered', () => {
    const meta = toMetadata({
      etag: '"d41d8cd98f00b204e9800998ecf8427e"',
      'content-length': '0',
      'x-bce-request-id': 'rid',
      'x-bce-meta-author': 'Zhang San',
      'last-modified': 'Tue, 02 Jan 2024 03:04:05 GMT',
    });
    expect(meta.e_tag).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(meta.etag).toBe(meta.e_tag);
    expect(meta.content_length).toBe('0');
    expect(meta.bce_request_id).toBe('rid');
    expect(meta['bce_meta_author']).toBe('Zhang San');
    expect(meta.bce_meta).toEqual({ author: 'Zhang San' });
    expect(meta.user_metadata).toEqual({ author: 'Zhang San' });
    expect(headerAttribute('x-bce-storage-class')).toBe('bce_storage_class');
  });

  it('errors: JSON body fields, or reason phrase and header for HEAD', () => {
    const answer = (body: Buffer): ServiceFailureInfo => ({
      op: 'get_object',
      method: 'GET',
      url: 'http://127.0.0.1/b/k',
      status: 404,
      headers: { 'x-bce-request-id': 'h1' },
      body,
      truncated: false,
      code: undefined,
      requestId: 'h1',
      attempts: 1,
      embedded: false,
    });
    const lastError = (info: ServiceFailureInfo): BceServerError => {
      const wrapped = BOS_HOOKS.serviceError(info);
      expect(wrapped).toBeInstanceOf(BceHttpClientError);
      expect((wrapped as BceHttpClientError).last_error).toBeInstanceOf(BceServerError);
      return (wrapped as BceHttpClientError).last_error as BceServerError;
    };
    const e = lastError(answer(Buffer.from('{"code":"NoSuchKey","message":"The specified key does not exist.","requestId":"r1"}')));
    expect([e.status_code, e.code, e.message, e.request_id]).toEqual([404, 'NoSuchKey', 'The specified key does not exist.', 'r1']);
    const bodiless = lastError(answer(Buffer.alloc(0)));
    expect([bodiless.message, bodiless.request_id, bodiless.code]).toEqual(['Not Found', 'h1', '']);
    // A HEAD never has a body: the code comes from the status, the message names what was asked for.
    const head = lastError({ ...answer(Buffer.alloc(0)), op: 'get_object_meta_data', method: 'HEAD', url: 'http://127.0.0.1/b/a%20key' });
    expect([head.code, head.request_id]).toEqual(['NoSuchKey', 'h1']);
    expect(head.message).toBe('Not Found: no object at http://127.0.0.1/b/a key (or no such bucket)');
    const bucket = lastError({ ...answer(Buffer.alloc(0)), op: 'does_bucket_exist', method: 'HEAD', status: 404 });
    expect(bucket.code).toBe('NoSuchBucket');
  });
});

describe('endpoints and paths', () => {
  it('virtual-hosted for *.bcebos.com, path style for IPs and when asked', () => {
    const bj = resolveEndpoint({ endpoint: 'bj.bcebos.com', protocol: undefined, port: undefined, path_style_enable: undefined });
    expect(bj).toMatchObject({ origin: 'http://bj.bcebos.com', virtualHosted: true });
    expect(bosOrigin(bj, 'demo-bucket')).toBe('http://demo-bucket.bj.bcebos.com');
    expect(bosPath(bj, 'demo-bucket', 'a b//c/')).toBe('/a%20b//c/');
    const ip = resolveEndpoint({ endpoint: '127.0.0.1:8080', protocol: 'https', port: undefined, path_style_enable: false });
    expect(ip).toMatchObject({ origin: 'https://127.0.0.1:8080', virtualHosted: false });
    expect(bosPath(ip, 'demo-bucket', '中')).toBe('/demo-bucket/%E4%B8%AD');
    expect(bosPath(ip, 'demo-bucket', undefined)).toBe('/demo-bucket');
    const forced = resolveEndpoint({ endpoint: 'https://gz.bcebos.com', protocol: 'http', port: 8443, path_style_enable: true });
    expect(forced).toMatchObject({ origin: 'https://gz.bcebos.com:8443', virtualHosted: false });
    expect(() => resolveEndpoint({ endpoint: undefined, protocol: undefined, port: undefined, path_style_enable: undefined })).toThrow(TypeError);
  });
});

describe('retry policies', () => {
  it('BackOffRetryPolicy: 3 retries on network errors, 500, 503, RequestExpired; 300 ms × 2^n', () => {
    const p = new BackOffRetryPolicy();
    expect(p.maxAttempts).toBe(4);
    expect(p.should_retry({ attempt: 1, status: 500 })).toBe(true);
    expect(p.should_retry({ attempt: 1, status: 503 })).toBe(true);
    expect(p.should_retry({ attempt: 1, status: 400, code: 'RequestExpired' })).toBe(true);
    expect(p.should_retry({ attempt: 1, status: 403, code: 'AccessDenied' })).toBe(false);
    expect(p.should_retry({ attempt: 1, error: new Error('reset') })).toBe(true);
    expect(p.should_retry({ attempt: 4, status: 500 })).toBe(false);
    expect([1, 2, 3].map((attempt) => p.delay({ attempt }))).toEqual([300, 600, 1200]);
    expect(new BackOffRetryPolicy(10, 1000).delay({ attempt: 9 })).toBe(1000);
    expect(new NoRetryPolicy().should_retry()).toBe(false);
  });
});

describe('arguments', () => {
  it('an options object may replace the remaining positionals', () => {
    expect(splitOptional(['max_keys', 'prefix'], [10, 'a/', { signal: undefined }]).options).toMatchObject({ max_keys: 10, prefix: 'a/' });
    expect(splitOptional(['max_keys', 'prefix'], [{ prefix: 'b/' }]).options).toEqual({ prefix: 'b/' });
  });

  it('guesses content types from extensions', () => {
    expect(guessContentType('/x/photo.JPG')).toBe('image/jpeg');
    expect(guessContentType('noext')).toBe('application/octet-stream');
  });
});
