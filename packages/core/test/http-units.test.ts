import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bindMethods, checkHeaders, checkWellFormed, crc64, defineSecret, readBounded, toBody, toClientFailure } from '../src/index.ts';

describe('toClientFailure', () => {
  it('classes TLS verification failures as final, whatever the depth of the cause', () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const failure = toClientFailure(Object.assign(new Error('wrapped'), { cause: tls }), { what: 'get_object', attempts: 1 });
    expect(failure).toMatchObject({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', transient: false });
  });
  it('classes undici argument errors and URIError as arguments, socket errors as network', () => {
    expect(toClientFailure(Object.assign(new Error('invalid header'), { code: 'UND_ERR_INVALID_ARG' }), { what: 'x', attempts: 1 })).toMatchObject({
      kind: 'argument',
    });
    expect(toClientFailure(new URIError('URI malformed'), { what: 'x', attempts: 1 })).toMatchObject({ kind: 'argument' });
    expect(toClientFailure(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), { what: 'x', attempts: 1 })).toMatchObject({
      kind: 'network',
      code: 'ECONNRESET',
    });
  });
  it('says ABORTED when the caller aborted, keeping the reason as the cause', () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    const failure = toClientFailure(new Error('socket closed'), { what: 'x', attempts: 1, signal: controller.signal });
    expect(failure).toMatchObject({ kind: 'aborted', code: 'ABORTED' });
    expect(failure.cause).toBe(reason);
  });
});

describe('preflight', () => {
  it('accepts printable ASCII and tabs, names the bad character otherwise', () => {
    expect(() => checkHeaders({ 'x-a': 'plain value\twith tab ~!' })).not.toThrow();
    expect(() => checkHeaders({ 'x-a': 'a\nb' })).toThrow(/x-a has a line break/);
    expect(() => checkHeaders({ 'x-a': 'é' })).toThrow(/U\+00E9/);
    expect(() => checkHeaders({ 'bad name': 'v' })).toThrow(/invalid header name/);
    expect(() => checkHeaders({ 'x-empty': '' })).not.toThrow();
  });
  it('refuses lone surrogates, accepts pairs', () => {
    expect(() => checkWellFormed('emoji 😀 中文', 'key')).not.toThrow();
    expect(() => checkWellFormed('\udc00x', 'key')).toThrow(/lone UTF-16 surrogate/);
  });
});

describe('readBounded', () => {
  it('keeps the first bytes and reports truncation, or fails', async () => {
    const make = () => Readable.from([Buffer.alloc(600, 1), Buffer.alloc(600, 2)]);
    const kept = await readBounded(make(), 1000, 'truncate');
    expect(kept.truncated).toBe(true);
    expect(kept.bytes.length).toBe(1000);
    await expect(readBounded(make(), 1000, 'fail')).rejects.toMatchObject({ code: 'ResponseTooLarge', kind: 'protocol' });
    expect((await readBounded(make(), 1200, 'fail')).bytes.length).toBe(1200);
    expect((await readBounded(Readable.from([]), 10, 'fail')).bytes.length).toBe(0);
  });
});

describe('defineSecret', () => {
  it('keeps the value readable and writable but out of inspect, %o, JSON and entries', () => {
    const config = { SecretId: 'AKIDpublic' } as { SecretId: string; SecretKey?: string };
    defineSecret(config, 'SecretKey', 'top-secret-value');
    expect(config.SecretKey).toBe('top-secret-value');
    config.SecretKey = 'rotated-secret';
    expect(config.SecretKey).toBe('rotated-secret');
    for (const text of [
      inspect(config),
      inspect(config, { showHidden: true }),
      format('%o', config),
      JSON.stringify(config),
      JSON.stringify(Object.entries(config)),
      JSON.stringify({ ...config }),
    ]) {
      expect(text).not.toContain('secret');
    }
  });
});

describe('fixes of uncatchable crashes', () => {
  it('crc64 of a 1-byte unaligned view does not throw', () => {
    const whole = Buffer.from('abcdefgh');
    expect(crc64(whole.subarray(1, 2))).toBe(crc64(Buffer.from('b')));
    expect(crc64(whole.subarray(3, 8))).toBe(crc64(Buffer.from('defgh')));
  });
  it('toBody of a read stream over a missing file rejects instead of crashing the process', async () => {
    const stream = createReadStream('/nonexistent/yunstore/file');
    await expect(toBody(stream)).rejects.toMatchObject({ code: 'InvalidArgument' });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});

describe('preflight rawBytes', () => {
  it('lets 0x80-0xFF through as raw bytes when asked, never CR/LF or chars above 0xFF', () => {
    const utf8 = Buffer.from('张三', 'utf8').toString('latin1');
    expect(() => checkHeaders({ 'x-bce-meta-a': utf8 })).toThrow(/U\+00E5/);
    expect(() => checkHeaders({ 'x-bce-meta-a': utf8 }, { rawBytes: true })).not.toThrow();
    expect(() => checkHeaders({ 'x-bce-meta-a': '张三' }, { rawBytes: true })).toThrow();
    expect(() => checkHeaders({ 'x-bce-meta-a': `${utf8}\r\n` }, { rawBytes: true })).toThrow(/line break/);
  });
});

describe('bindMethods', () => {
  it('makes inherited methods and their twins survive being detached, without changing inspect', async () => {
    class Base {
      readonly name = 'client';
      hello(): string {
        return `hello from ${this.name}`;
      }
    }
    class Client extends Base {
      async get(): Promise<string> {
        return this.hello();
      }
      declare readonly getTwin: Client['get'];
    }
    (Client.prototype as unknown as Record<string, unknown>)['getTwin'] = Client.prototype.get;
    const client = new Client();
    const before = inspect(client);
    bindMethods(client);
    const { hello, get, getTwin } = client;
    expect(hello()).toBe('hello from client');
    expect(await get()).toBe('hello from client');
    expect(await getTwin()).toBe('hello from client');
    expect(client.getTwin).toBe(client.get);
    expect(inspect(client)).toBe(before);
  });
});
