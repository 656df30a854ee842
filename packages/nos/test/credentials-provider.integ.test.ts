/**
 * `credentials_provider`: keys from a function, asked again before they
 * expire. NOS has no session token, so a provider gives a key pair only.
 */
import { inspect } from 'node:util';
import { signNos } from '@yunstore/core/sign';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, type Emulator, startEmulator } from '@yunstore/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nos, type NosCredentialsProvider, type NosProvidedCredentials } from '../src/index.ts';

const KEY_A = { accessKeyId: 'AKIDrotatingKEYA0000', secretAccessKey: 'rotating-secret-a' };
const KEY_B = { accessKeyId: 'AKIDrotatingKEYB0000', secretAccessKey: 'rotating-secret-b' };
const BUCKET = 'provider-bucket';

let emu: Emulator;
let endPoint: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, credentials: [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }, KEY_A, KEY_B] });
  endPoint = emu.endpoints.nos.replace(/^http:\/\//, '');
  // NOS bucket creation is outside the SDK: a signed PUT straight to the dialect.
  const signed = signNos(
    { method: 'PUT', bucket: BUCKET, headers: {} },
    { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
    new Date(),
  );
  const res = await fetch(`${emu.endpoints.nos}/${BUCKET}/`, { method: 'PUT', headers: signed.headers });
  expect(res.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});

function clientWith(provider: NosCredentialsProvider): InstanceType<typeof nos.Client> {
  return new nos.Client({ end_point: endPoint, credentials_provider: provider, max_retries: 0 });
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function keysOf(key: typeof KEY_A, ms: number): NosProvidedCredentials {
  return { access_key_id: key.accessKeyId, access_key_secret: key.secretAccessKey, expiration: new Date(Date.now() + ms).toISOString() };
}

describe('credentials_provider', () => {
  it('rotates keys: A expires soon, the next call asks again and signs with B; both accepted', async () => {
    const answers = [keysOf(KEY_A, 60_000), keysOf(KEY_B, 3_600_000)];
    let asked = 0;
    const client = clientWith(async () => answers[Math.min(asked++, answers.length - 1)] as NosProvidedCredentials);
    try {
      await client.put_object({ bucket: BUCKET, key: 'rotated.txt', body: 'signed with A' });
      expect(asked).toBe(1);
      const got = await client.get_object({ bucket: BUCKET, key: 'rotated.txt' });
      expect((await got.body.read()).toString()).toBe('signed with A');
      expect(asked).toBe(2);
      await client.head_object({ bucket: BUCKET, key: 'rotated.txt' });
      expect(asked).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('signs with what the provider gives: an unknown key is refused by the server, then concurrent calls share one ask', async () => {
    const answers = [{ access_key_id: 'AKIDunknownKEY000000', access_key_secret: 'nope', expiration: Date.now() + 1000 }, keysOf(KEY_B, 3_600_000)];
    let asked = 0;
    const client = clientWith(() => answers[Math.min(asked++, answers.length - 1)] as NosProvidedCredentials);
    try {
      const refused = await caught(() => client.head_object({ bucket: BUCKET, key: 'rotated.txt' }));
      expect(refused).toBeInstanceOf(nos.exceptions.ServiceException);
      await Promise.all([client.head_object({ bucket: BUCKET, key: 'rotated.txt' }), client.list_objects({ bucket: BUCKET })]);
      expect(asked).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('a provider that throws or gives no keys raises ClientException', async () => {
    const broken = clientWith(async () => {
      throw new Error('vault unreachable');
    });
    const empty = clientWith(() => ({ access_key_id: '', access_key_secret: '' }));
    try {
      const e1 = await caught(() => broken.list_objects({ bucket: BUCKET }));
      expect(e1).toBeInstanceOf(nos.exceptions.ClientException);
      expect((e1 as Error).message).toMatch(/vault unreachable/);
      const e2 = await caught(() => empty.get_object({ bucket: BUCKET, key: 'k' }));
      expect(e2).toBeInstanceOf(nos.exceptions.ClientException);
      expect((e2 as Error).message).toMatch(/no access_key_id\/access_key_secret/);
    } finally {
      await broken.close();
      await empty.close();
    }
  });

  it('presigned URLs use the loaded keys; before any call they raise ClientException; secrets stay hidden', async () => {
    const client = clientWith(async () => keysOf(KEY_B, 3_600_000));
    try {
      expect(() => client.generate_presigned_url({ bucket: BUCKET, key: 'rotated.txt' })).toThrow(nos.exceptions.ClientException);
      await client.head_object({ bucket: BUCKET, key: 'rotated.txt' });
      const url = client.generate_presigned_url({ bucket: BUCKET, key: 'rotated.txt' });
      expect(url).toContain(KEY_B.accessKeyId);
      expect((await fetch(url)).status).toBe(200);
      expect(inspect(client, { depth: 8 })).not.toContain(KEY_B.secretAccessKey);
    } finally {
      await client.close();
    }
  });

  it('fixed keys win over a provider; a provider that is not a function is refused', async () => {
    let asked = 0;
    const client = new nos.Client({
      end_point: endPoint,
      access_key_id: KEY_A.accessKeyId,
      access_key_secret: KEY_A.secretAccessKey,
      credentials_provider: () => {
        asked++;
        return keysOf(KEY_B, 3_600_000);
      },
    });
    try {
      await client.list_objects({ bucket: BUCKET });
      expect(asked).toBe(0);
    } finally {
      await client.close();
    }
    expect(() => new nos.Client({ end_point: endPoint, credentials_provider: 'keys' as never })).toThrow(nos.exceptions.ClientException);
  });

  it('the README example, with a stand-in for the key store', async () => {
    const keyVault = { nosKeys: async () => keysOf(KEY_B, 3_600_000) };
    const client = new nos.Client({
      end_point: endPoint,
      credentials_provider: async () => await keyVault.nosKeys(), // your key store
    });
    try {
      await client.list_objects({ bucket: BUCKET });
    } finally {
      await client.close();
    }
  });
});
