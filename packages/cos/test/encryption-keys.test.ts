/**
 * Key handling: every bad key material fails at construction with
 * CosClientError `InvalidEncryptionKey`, nothing is generated or written,
 * and no key ever shows in a message, JSON.stringify or util.inspect.
 */
import { existsSync, readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AESProvider, CosClientError, CosEncryptionClient, RSAProvider } from '../src/index.ts';
import { encryptingBody } from '../src/encryption/body.ts';
import { newDataEnvelope } from '../src/encryption/envelope.ts';
import { AES_KEY_FILE, RSA_PRIVATE_FILE, RSA_PUBLIC_FILE } from './encryption-helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'yunstore-cse-keys-'));
const AES_TEXT = readFileSync(AES_KEY_FILE, 'utf8');

function keyError(make: () => unknown): CosClientError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(CosClientError);
    expect((error as CosClientError).code).toBe('InvalidEncryptionKey');
    return error as CosClientError;
  }
  throw new Error('expected a key error');
}

function roundTrips(provider: AESProvider | RSAProvider): boolean {
  const env = newDataEnvelope();
  const back = provider.unwrap(provider.wrap(env), { op: 'test', key: 'k' });
  return back.dataKey.equals(env.dataKey) && back.iv.equals(env.iv);
}

describe('AESProvider', () => {
  it('takes base64 text of 16, 24 or 32 bytes, by value (string or bytes) or from a file with a trailing newline', () => {
    for (const size of [16, 24, 32]) {
      const text = Buffer.alloc(size, size).toString('base64');
      expect(roundTrips(new AESProvider({ aes_key: text }))).toBe(true);
      expect(new AESProvider(Buffer.from(text)).master_key_bytes).toBe(size);
    }
    const file = join(scratch, 'aes-newline.b64');
    writeFileSync(file, `${AES_TEXT}\n`);
    expect(roundTrips(new AESProvider({ aesKeyPath: file }))).toBe(true);
    expect(new AESProvider(undefined, file).master_key_bytes).toBe(32);
  });

  it('refuses missing, ambiguous, non-base64, URL-safe, raw and wrongly sized keys at construction', () => {
    expect(keyError(() => new AESProvider()).message).toContain('never generated');
    keyError(() => new AESProvider({ aes_key: AES_TEXT, aes_key_path: AES_KEY_FILE }));
    expect(keyError(() => new AESProvider({ aes_key: 'aes_key_value' })).message).toContain('base64');
    expect(keyError(() => new AESProvider({ aes_key: '-_-_AAAAAAAAAAAAAAAAAAAA' })).message).toContain('URL-safe');
    keyError(() => new AESProvider({ aes_key: Buffer.alloc(32, 0xff) }));
    expect(keyError(() => new AESProvider({ aes_key: Buffer.alloc(20).toString('base64') })).message).toContain('20 bytes');
  });

  it('a missing key file is an error; no key is generated into the home folder or at the path', () => {
    const hadDefault = existsSync(join(homedir(), '.cos_local_aes'));
    const missing = join(scratch, 'no-such.key');
    expect(keyError(() => new AESProvider({ aes_key_path: missing })).message).toContain('ENOENT');
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(homedir(), '.cos_local_aes'))).toBe(hadDefault);
  });

  it('never shows the key: messages, JSON.stringify, util.inspect', () => {
    const provider = new AESProvider({ aes_key: AES_TEXT });
    const raw = Buffer.from(AES_TEXT, 'base64').toString('hex');
    for (const text of [JSON.stringify(provider), inspect(provider, { showHidden: true, depth: 5 })]) {
      expect(text).not.toContain(AES_TEXT.slice(0, 12));
      expect(text).not.toContain(raw.slice(0, 12));
    }
    const bad = `${AES_TEXT.slice(0, 40)}!!!!`;
    expect(keyError(() => new AESProvider({ aes_key: bad })).message).not.toContain(bad.slice(0, 12));
  });
});

describe('RSAProvider', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('reads PEM PKCS#8/SPKI and PKCS#1, DER, encrypted PKCS#8 with a passphrase, paths given to get_rsa_key_pair', () => {
    expect(roundTrips(new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE) }))).toBe(true);
    const pkcs1 = RSAProvider.get_rsa_key_pair(
      pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string,
      pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    );
    expect(roundTrips(new RSAProvider({ key_pair_info: pkcs1 }))).toBe(true);
    const der = RSAProvider.getRsaKeyPair(pair.publicKey.export({ type: 'spki', format: 'der' }), pair.privateKey.export({ type: 'pkcs8', format: 'der' }));
    expect(roundTrips(new RSAProvider(der))).toBe(true);
    const encrypted = pair.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass phrase' }) as string;
    const info = RSAProvider.get_rsa_key_pair(pair.publicKey.export({ type: 'spki', format: 'pem' }) as string, encrypted);
    expect(roundTrips(new RSAProvider({ key_pair_info: info, passphrase: 'pass phrase' }))).toBe(true);
    expect(keyError(() => new RSAProvider({ key_pair_info: info })).message).toContain('passphrase');
    expect(roundTrips(new RSAProvider({ keyPairInfo: RSAProvider.get_rsa_key_pair(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE) }))).toBe(true);
  });

  it('refuses no keys, missing files, mismatched halves, non-RSA and OpenSSH keys at construction', () => {
    keyError(() => new RSAProvider());
    const missing = join(scratch, 'missing.pem');
    expect(keyError(() => RSAProvider.get_rsa_key_pair_path(missing, missing)).message).toContain('no key pair is generated');
    expect(existsSync(missing)).toBe(false);
    const mismatched = RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE);
    const other = RSAProvider.get_rsa_key_pair(readFileSync(RSA_PUBLIC_FILE, 'utf8'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    expect(roundTrips(new RSAProvider({ key_pair_info: mismatched }))).toBe(true);
    expect(keyError(() => new RSAProvider({ key_pair_info: other })).message).toContain('same key pair');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    keyError(() => new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair(ec.publicKey.export({ type: 'spki', format: 'pem' }) as string) }));
    keyError(() => new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair(Buffer.from('ssh-rsa AAAAB3NzaC1yc2E user@host')) }));
  });

  it('a public key alone writes; reading then needs the private key (MissingPrivateKey)', () => {
    const writer = new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair(readFileSync(RSA_PUBLIC_FILE, 'utf8')) });
    const wrapped = writer.wrap(newDataEnvelope());
    expect(wrapped.wrappedKey).toHaveLength(256);
    let error: unknown;
    try {
      writer.unwrap(wrapped, { op: 'get_object', key: 'k' });
    } catch (e) {
      error = e;
    }
    expect((error as CosClientError).code).toBe('MissingPrivateKey');
    const reader = new RSAProvider({ key_pair_info: RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE) });
    expect(reader.unwrap(wrapped, { op: 'get_object', key: 'k' }).dataKey).toHaveLength(32);
  });

  it('never shows key material: JSON.stringify and util.inspect of the key pair info and the provider', () => {
    const info = RSAProvider.get_rsa_key_pair_path(RSA_PUBLIC_FILE, RSA_PRIVATE_FILE);
    const provider = new RSAProvider({ key_pair_info: info });
    const secret = readFileSync(RSA_PRIVATE_FILE, 'utf8').split('\n')[1] as string;
    for (const value of [info, provider]) {
      for (const text of [JSON.stringify(value), inspect(value, { showHidden: true, depth: 5 })]) expect(text).not.toContain(secret.slice(0, 20));
    }
  });
});

describe('CosEncryptionClient construction and streaming', () => {
  it('needs a provider', () => {
    expect(() => new CosEncryptionClient({ Region: 'ap-guangzhou', SecretId: 'a', SecretKey: 'b' }, {} as never)).toThrow(CosClientError);
  });

  it('a stream body is encrypted lazily: the source is pulled only as the request reads (bounded memory)', async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(64 * 1024, 1);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 256; i++) {
          pulled++;
          yield chunk;
        }
      })(),
    );
    const body = encryptingBody({ length: undefined, replayable: false, open: () => source }, newDataEnvelope(), 0, { op: 'test' });
    const stream = body.open() as Readable;
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 16 MiB behind it, but only a few chunks (stream buffers) were read.
    expect(pulled).toBeLessThan(16);
    let total = chunk.length;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) total += (r.value as Buffer).length;
    expect(total).toBe(256 * chunk.length);
  });
});
