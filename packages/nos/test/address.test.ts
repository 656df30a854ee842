/**
 * NOS addressing and per-attempt signing as the request layer calls them
 * (the `address` hook): pure, nothing is sent.
 */
import { toBody, type WireRequest } from '@yunstore/core';
import { formatNosDate, signNos } from '@yunstore/core/sign';
import { describe, expect, it } from 'vitest';
import { type NosCall, nosAuthorizer, nosHttpCall } from '../src/address.ts';

const NOW = new Date('2024-05-06T07:08:09Z');

function call(overrides: Partial<NosCall> = {}): NosCall {
  return {
    op: 'put_object',
    method: 'PUT',
    bucket: 'pics',
    key: 'a/b c.txt',
    params: [['x-nos-thing', '1']],
    headers: { 'Content-Type': 'text/plain' },
    ...overrides,
  };
}

function built(request: WireRequest | (() => WireRequest)): WireRequest {
  return typeof request === 'function' ? request() : request;
}

describe('nosHttpCall', () => {
  it('carries the method name, key and signal, and addresses virtual-hosted on a named end point', async () => {
    const signal = new AbortController().signal;
    const body = await toBody(Buffer.from('hi'));
    const out = nosHttpCall({ endPoint: 'nos-eastchina1.126.net', enableSsl: true }, call({ signal, body }), nosAuthorizer(undefined));
    expect(out.op).toBe('put_object');
    expect(out.key).toBe('a/b c.txt');
    expect(out.signal).toBe(signal);
    const req = built(out.request);
    expect(req).toMatchObject({ method: 'PUT', origin: 'https://pics.nos-eastchina1.126.net', path: '/a%2Fb%20c.txt', query: [['x-nos-thing', '1']] });
    expect(req.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(req.body).toBe(body);
  });

  it('addresses path style on an IP end point and leaves the key out for a bucket request', () => {
    const { key: _ignored, ...bucketLevel } = call({ op: 'list_objects', method: 'GET' });
    const bucketCall = nosHttpCall({ endPoint: '127.0.0.1:9000', enableSsl: false }, bucketLevel, nosAuthorizer(undefined));
    expect('key' in bucketCall).toBe(false);
    expect(built(bucketCall.request)).toMatchObject({ origin: 'http://127.0.0.1:9000', path: '/pics/' });
    expect(bucketCall.op).toBe('list_objects');
  });

  it('a key no URL can carry fails while addressing, inside the layer (a function, not at build time)', () => {
    const out = nosHttpCall({ endPoint: '127.0.0.1:9000', enableSsl: false }, call({ key: 'bad\uD800' }), nosAuthorizer(undefined));
    expect(typeof out.request).toBe('function');
    expect(() => built(out.request)).toThrow();
  });
});

describe('nosAuthorizer', () => {
  const wire: WireRequest = { method: 'PUT', origin: 'http://127.0.0.1:9000', path: '/pics/k', query: [], headers: { 'Content-Type': 'text/plain' } };

  it('anonymous: each attempt gets only a fresh Date', () => {
    const signed = nosAuthorizer(undefined)(wire, call({ key: 'k' }), NOW);
    expect(signed.headers).toEqual({ 'Content-Type': 'text/plain', Date: formatNosDate(NOW) });
    expect(wire.headers['Date']).toBeUndefined();
  });

  it('with keys: the NOS signature of the request, with the keys read at each attempt', () => {
    const keys = [
      { accessKeyId: 'AK1', secretAccessKey: 'S1' },
      { accessKeyId: 'AK2', secretAccessKey: 'S2' },
    ];
    let asked = 0;
    const authorize = nosAuthorizer(() => keys[asked++ % 2]!);
    const first = authorize(wire, call({ key: 'k' }), NOW);
    const second = authorize(wire, call({ key: 'k' }), NOW);
    const expected = (i: number) =>
      signNos({ method: 'PUT', bucket: 'pics', key: 'k', query: [], headers: wire.headers }, keys[i]!, NOW).headers['Authorization'];
    expect(first.headers['Authorization']).toBe(expected(0));
    expect(second.headers['Authorization']).toBe(expected(1));
    expect(first.headers['Authorization']).not.toBe(second.headers['Authorization']);
    expect(first.headers['Date']).toBe(formatNosDate(NOW));
  });
});
