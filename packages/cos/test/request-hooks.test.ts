import type { WireRequest } from '@yunstore/core';
import { describe, expect, it } from 'vitest';
import { cosAuthorizer, cosCall, cosWireRequest } from '../src/address.ts';
import { CosConfig } from '../src/config.ts';
import { CosContext } from '../src/context.ts';
import { CosClientError } from '../src/errors.ts';

const KEYS = { SecretId: 'AKIDaddressTEST', SecretKey: 'address-test-secret' };
const pathStyle = new CosConfig({ Region: 'ap-guangzhou', Scheme: 'http', Endpoint: '127.0.0.1:9', ...KEYS });
const ipMode = new CosConfig({ Region: 'ap-guangzhou', Scheme: 'http', IP: '127.0.0.1', Port: 9, ...KEYS });

describe('address.ts: a COS request spec → core call (the address hook)', () => {
  it('addresses path-style, and in IP mode sends the bucket host as Host; empty header values mean unset', () => {
    const spec = {
      op: 'put_object',
      method: 'PUT' as const,
      bucket: 'b-1250000000',
      key: 'a b.txt',
      headers: { 'x-cos-acl': '', 'Content-Type': 'text/plain' },
    };
    const plain = cosWireRequest(pathStyle, spec);
    expect(plain).toMatchObject({ method: 'PUT', origin: 'http://127.0.0.1:9', path: '/b-1250000000/a%20b.txt', query: [] });
    expect(plain.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(plain.body).toBeUndefined();
    const ip = cosWireRequest(ipMode, spec);
    expect(ip.origin).toBe('http://127.0.0.1:9');
    expect(ip.path).toBe('/a%20b.txt');
    expect(ip.headers['Host']).toBe('b-1250000000.cos.ap-guangzhou.myqcloud.com');
  });

  it('gives core the normalised key, accepts any status below 400, and passes the signal', () => {
    const signal = new AbortController().signal;
    const call = cosCall(pathStyle, { op: 'get_object', method: 'GET', bucket: 'b', key: '//k', signal }, undefined);
    expect(call.op).toBe('get_object');
    expect(call.key).toBe('k');
    expect(call.signal).toBe(signal);
    expect(call.authorize).toBeUndefined();
    // A 304 from a conditional GET is an answer, as in the Python SDK; a 404 is an error.
    expect(call.accept?.(304)).toBe(true);
    expect(call.accept?.(404)).toBe(false);
    // Bucket-level calls carry no key, so core's empty-key refusal does not apply to them.
    expect('key' in cosCall(pathStyle, { op: 'head_bucket', method: 'HEAD', bucket: 'b' }, undefined)).toBe(false);
  });

  it('signs each attempt with the time it is given, adding Authorization without touching the request', () => {
    const authorize = cosAuthorizer(pathStyle);
    const call = cosCall(pathStyle, { op: 'head_object', method: 'HEAD', bucket: 'b', key: 'k' }, authorize);
    const request = call.request as WireRequest;
    const first = authorize(request, new Date('2030-01-01T00:00:00Z'));
    const later = authorize(request, new Date('2030-01-01T00:10:00Z'));
    expect(first.headers['Authorization']).toMatch(/q-ak=AKIDaddressTEST/);
    expect(first.headers['Authorization']).not.toBe(later.headers['Authorization']);
    expect(request.headers['Authorization']).toBeUndefined();
  });
});

describe('CosContext: the request layer checks the client before every request', () => {
  it('a request handed to ctx.http after close() fails with ClientClosed under its own name, before anything is sent', async () => {
    const ctx = new CosContext(new CosConfig({ Region: 'ap-guangzhou', Scheme: 'http', Endpoint: '127.0.0.1:9', ...KEYS }));
    await ctx.close();
    const error = await ctx.http.send({ op: 'upload_part', method: 'PUT', bucket: 'b', key: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('ClientClosed');
    expect((error as CosClientError).message).toMatch(/^upload_part: this CosS3Client was closed/);
  });

  it('an address fault reaches the caller as CosClientError InvalidArgument (an empty key never addresses the bucket)', async () => {
    const ctx = new CosContext(new CosConfig({ Region: 'ap-guangzhou', Scheme: 'http', Endpoint: '127.0.0.1:9', ...KEYS }));
    try {
      const error = await ctx.http.send({ op: 'delete_object', method: 'DELETE', bucket: 'b', key: '/' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CosClientError);
      expect((error as CosClientError).code).toBe('InvalidArgument');
    } finally {
      await ctx.close();
    }
  });
});
