/**
 * `credentials_provider`: temporary keys from a function, asked again before
 * they expire. The emulator accepts two rotating keys; a recording server
 * shows the provider's token on the wire.
 */
import { inspect } from 'node:util';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, type Emulator, startEmulator } from '@yunstore/emulator';
import { type HostileServer, startHostileServer } from '@yunstore/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BceClientConfiguration,
  BceClientError,
  BceCredentials,
  BceHttpClientError,
  type BceProvidedCredentials,
  BosClient,
  NoRetryPolicy,
} from '../src/index.ts';

const KEY_A = { accessKeyId: 'AKIDrotatingKEYA0000', secretAccessKey: 'rotating-secret-a' };
const KEY_B = { accessKeyId: 'AKIDrotatingKEYB0000', secretAccessKey: 'rotating-secret-b' };
const BUCKET = 'provider-bucket';

let emu: Emulator;
let server: HostileServer;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, credentials: [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }, KEY_A, KEY_B] });
  server = await startHostileServer();
  const admin = new BosClient(
    new BceClientConfiguration({ credentials: new BceCredentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY), endpoint: emu.endpoints.bos }),
  );
  await admin.create_bucket(BUCKET);
  await admin.close();
}, 60_000);
afterAll(async () => {
  await server?.close();
  await emu?.stop();
});

function clientWith(provider: () => BceProvidedCredentials | Promise<BceProvidedCredentials>, endpoint = emu.endpoints.bos): BosClient {
  return new BosClient(new BceClientConfiguration({ credentials_provider: provider, endpoint, retry_policy: new NoRetryPolicy() }));
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function keysOf(key: typeof KEY_A, expiresInMs: number): BceProvidedCredentials {
  return {
    access_key_id: key.accessKeyId,
    secret_access_key: key.secretAccessKey,
    session_token: `token-of-${key.accessKeyId}`,
    expiration: Date.now() + expiresInMs,
  };
}

describe('credentials_provider', () => {
  it('rotates keys: A expires soon, so the next call asks again and signs with B; both are accepted', async () => {
    const answers = [keysOf(KEY_A, 60_000), keysOf(KEY_B, 3_600_000)];
    let asked = 0;
    const client = clientWith(async () => answers[Math.min(asked++, answers.length - 1)] as BceProvidedCredentials);
    try {
      await client.put_object_from_string(BUCKET, 'rotated.txt', 'signed with A');
      expect(asked).toBe(1);
      // A expires within the 5-minute window: this call asks for B first.
      expect(await client.get_object_as_string(BUCKET, 'rotated.txt')).toBe('signed with A');
      expect(asked).toBe(2);
      // B is valid for an hour: no more asking.
      await client.does_bucket_exist(BUCKET);
      expect(asked).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('signs with what the provider gives: an unknown key fails on the server, the rotated one works', async () => {
    const answers = [
      { access_key_id: 'AKIDunknownKEY000000', secret_access_key: 'nope', expiration: new Date(Date.now() + 1000).toISOString() },
      keysOf(KEY_B, 3_600_000),
    ];
    let asked = 0;
    const client = clientWith(() => answers[Math.min(asked++, answers.length - 1)] as BceProvidedCredentials);
    try {
      const error = await caught(() => client.list_objects(BUCKET));
      expect(error).toBeInstanceOf(BceHttpClientError);
      expect((error as BceHttpClientError).status_code).toBe(403);
      await client.list_objects(BUCKET);
      expect(asked).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('concurrent calls share one provider call', async () => {
    let asked = 0;
    const client = clientWith(async () => {
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return keysOf(KEY_A, 3_600_000);
    });
    try {
      await Promise.all([client.list_objects(BUCKET), client.does_bucket_exist(BUCKET), client.list_buckets()]);
      expect(asked).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('a provider that throws or gives no keys is BceClientError (InvalidCredentials), and nothing is sent', async () => {
    server.handle((_req, res) => res.end());
    const broken = clientWith(async () => {
      throw new Error('STS unreachable');
    }, server.endpoint);
    const empty = clientWith(() => ({ access_key_id: '', secret_access_key: '' }), server.endpoint);
    try {
      const e1 = await caught(() => broken.list_buckets());
      expect(e1).toBeInstanceOf(BceClientError);
      expect((e1 as BceClientError).code).toBe('InvalidCredentials');
      expect((e1 as BceClientError).message).toMatch(/STS unreachable/);
      const e2 = await caught(() => empty.get_object_as_string(BUCKET, 'k'));
      expect(e2).toBeInstanceOf(BceClientError);
      expect((e2 as BceClientError).message).toMatch(/no access_key_id\/secret_access_key/);
      expect(server.requests).toHaveLength(0);
    } finally {
      await broken.close();
      await empty.close();
    }
  });

  it("sends the provider's token (not the configuration's security_token) and keeps it out of inspect and JSON", async () => {
    server.handle((_req, res) => {
      const body = JSON.stringify({ owner: { id: 'o' }, buckets: [] });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    const config = new BceClientConfiguration({
      credentials_provider: () => ({ access_key_id: 'ak', secret_access_key: 'provided-secret', session_token: 'provided-token' }),
      security_token: 'fixed-token',
      endpoint: server.endpoint,
    });
    const client = new BosClient(config);
    try {
      await client.list_buckets();
      expect(server.requests[0]?.headers['x-bce-security-token']).toBe('provided-token');
      const shown = `${inspect(client, { depth: 6 })} ${JSON.stringify(config)} ${inspect(config, { depth: 6 })}`;
      expect(shown).not.toContain('provided-secret');
      expect(shown).not.toContain('provided-token');
    } finally {
      await client.close();
    }
  });

  it('fixed credentials win over the provider', async () => {
    let asked = 0;
    const client = new BosClient(
      new BceClientConfiguration({
        credentials: new BceCredentials(KEY_B.accessKeyId, KEY_B.secretAccessKey),
        credentials_provider: () => {
          asked++;
          return keysOf(KEY_A, 3_600_000);
        },
        endpoint: emu.endpoints.bos,
      }),
    );
    try {
      expect(await client.does_bucket_exist(BUCKET)).toBe(true);
      expect(asked).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('the README example, with a stand-in for the STS call', async () => {
    const fetchSessionToken = async () => ({
      accessKeyId: KEY_B.accessKeyId,
      secretAccessKey: KEY_B.secretAccessKey,
      sessionToken: 'sts-token',
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const config = new BceClientConfiguration({
      endpoint: emu.endpoints.bos,
      credentials_provider: async () => {
        const sts = await fetchSessionToken(); // your call to Baidu STS
        return { access_key_id: sts.accessKeyId, secret_access_key: sts.secretAccessKey, session_token: sts.sessionToken, expiration: sts.expiration };
      },
    });
    const client = new BosClient(config);
    try {
      expect(await client.does_bucket_exist(BUCKET)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
