/**
 * `credentials_provider`: temporary keys (with session tokens the emulator
 * checks) from a function, asked again before they expire, under both
 * signature versions.
 */
import { inspect } from 'node:util';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, type Emulator, startEmulator } from '@yunstore/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, Config, CredentialRetrievalError, type CredentialsProvider, oos, ParamValidationError, type S3Client } from '../src/index.ts';

const KEY_A = { accessKeyId: 'AKIDrotatingKEYA0000', secretAccessKey: 'rotating-secret-a', sessionToken: 'token-a' };
const KEY_B = { accessKeyId: 'AKIDrotatingKEYB0000', secretAccessKey: 'rotating-secret-b', sessionToken: 'token-b' };
const BUCKET = 'provider-bucket';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, credentials: [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }, KEY_A, KEY_B] });
  const admin = oos.client('s3', { endpoint_url: emu.endpoints.oos, access_key_id: DEFAULT_ACCESS_KEY_ID, secret_access_key: DEFAULT_SECRET_ACCESS_KEY });
  await admin.create_bucket({ Bucket: BUCKET });
  await admin.close();
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});

function clientWith(provider: CredentialsProvider, signature: 's3' | 's3v4' = 's3'): S3Client {
  return oos.client('s3', {
    endpoint_url: emu.endpoints.oos,
    credentials_provider: provider,
    config: new Config({ signature_version: signature, retries: { max_attempts: 0 } }),
  });
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The STS `Credentials` dict of a key, expiring in `ms`. */
function sts(key: typeof KEY_A, ms: number) {
  return { AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey, SessionToken: key.sessionToken, Expiration: new Date(Date.now() + ms) };
}

describe('credentials_provider', () => {
  for (const signature of ['s3', 's3v4'] as const) {
    it(`rotates keys under ${signature}: A expires soon, the next call asks again and signs with B; both accepted`, async () => {
      const answers = [sts(KEY_A, 60_000), sts(KEY_B, 3_600_000)];
      let asked = 0;
      const client = clientWith(async () => answers[Math.min(asked++, answers.length - 1)] as ReturnType<typeof sts>, signature);
      try {
        await client.put_object({ Bucket: BUCKET, Key: `rotated-${signature}.txt`, Body: 'signed with A' });
        expect(asked).toBe(1);
        const got = await client.get_object({ Bucket: BUCKET, Key: `rotated-${signature}.txt` });
        expect(await got.Body.read()).toEqual(Buffer.from('signed with A'));
        expect(asked).toBe(2);
        await client.head_bucket({ Bucket: BUCKET });
        expect(asked).toBe(2);
      } finally {
        await client.close();
      }
    });
  }

  it("botocore's refresh metadata spelling works too, and the token is checked by the server", async () => {
    let asked = 0;
    const good = clientWith(() => {
      asked++;
      return {
        access_key: KEY_B.accessKeyId,
        secret_key: KEY_B.secretAccessKey,
        token: KEY_B.sessionToken,
        expiry_time: new Date(Date.now() + 3_600_000).toISOString(),
      };
    });
    // The same key with the wrong token: the emulator refuses it, which shows the token goes out.
    const wrongToken = clientWith(() => ({ access_key: KEY_B.accessKeyId, secret_key: KEY_B.secretAccessKey, token: 'not-the-token' }));
    try {
      await Promise.all([good.head_bucket({ Bucket: BUCKET }), good.list_objects({ Bucket: BUCKET })]);
      // Concurrent calls share one provider call.
      expect(asked).toBe(1);
      expect(await caught(() => wrongToken.head_bucket({ Bucket: BUCKET }))).toBeInstanceOf(ClientError);
    } finally {
      await good.close();
      await wrongToken.close();
    }
  });

  it('a provider that throws or gives no keys raises CredentialRetrievalError', async () => {
    const broken = clientWith(async () => {
      throw new Error('STS unreachable');
    });
    const empty = clientWith(() => ({ AccessKeyId: '', SecretAccessKey: '' }));
    try {
      const e1 = await caught(() => broken.list_buckets());
      expect(e1).toBeInstanceOf(CredentialRetrievalError);
      expect(e1).toBeInstanceOf(oos.exceptions.CredentialRetrievalError);
      expect((e1 as CredentialRetrievalError).message).toBe('Error when retrieving credentials from credentials_provider: STS unreachable');
      const e2 = await caught(() => empty.get_object({ Bucket: BUCKET, Key: 'k' }));
      expect(e2).toBeInstanceOf(CredentialRetrievalError);
      expect((e2 as CredentialRetrievalError).code).toBe('InvalidCredentials');
    } finally {
      await broken.close();
      await empty.close();
    }
  });

  it('presigning with a provider: synchronous after a call has loaded the keys; secrets stay hidden', async () => {
    const client = clientWith(async () => sts(KEY_B, 3_600_000));
    try {
      expect(() => client.generate_presigned_url('get_object', { Bucket: BUCKET, Key: 'k' })).toThrow(CredentialRetrievalError);
      await client.head_bucket({ Bucket: BUCKET });
      const url = client.generate_presigned_url('get_object', { Bucket: BUCKET, Key: 'k' });
      expect(url).toContain(KEY_B.accessKeyId);
      expect(inspect(client, { depth: 8 })).not.toContain(KEY_B.secretAccessKey);
    } finally {
      await client.close();
    }
  });

  it('is a registered option: misspelled names still raise TypeError, and a non-function is refused', () => {
    expect(() => oos.client('s3', { endpoint_url: emu.endpoints.oos, credential_provider: () => sts(KEY_A, 1) } as never)).toThrow(TypeError);
    expect(() => oos.client('s3', { endpoint_url: emu.endpoints.oos, credentials_provider: 'keys' as never })).toThrow(ParamValidationError);
    expect(() => oos.client('s3', { endpoint_url: emu.endpoints.oos })).toThrow(/access_key_id/);
  });

  it('the README example, with a stand-in for the STS call', async () => {
    const assumeRole = async () => ({ Credentials: sts(KEY_B, 3_600_000) });
    const s3 = oos.client('s3', {
      endpoint_url: emu.endpoints.oos,
      credentials_provider: async () => (await assumeRole()).Credentials, // your STS call
    });
    try {
      await s3.head_bucket({ Bucket: BUCKET });
    } finally {
      await s3.close();
    }
  });
});
