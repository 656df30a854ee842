/**
 * The client's request layer (`client.context.http`): one core `VendorHttp`
 * per client, kept while its transport settings stay, and the configuration
 * checked before any request as it always was. No server is needed: every
 * case fails or is decided before a byte is sent.
 */
import { VendorHttp } from '@yunstore/core';
import { describe, expect, it } from 'vitest';
import { BceClientConfiguration, BceCredentials, BceInvalidArgumentError, BosClient, NoRetryPolicy } from '../src/index.ts';

function offline(options: ConstructorParameters<typeof BceClientConfiguration>[0] = {}): BosClient {
  return new BosClient(new BceClientConfiguration({ endpoint: '127.0.0.1:1', retry_policy: new NoRetryPolicy(), ...options }));
}

describe('client.context.http', () => {
  it('is one VendorHttp, rebuilt only when a transport setting changes', async () => {
    const client = offline({ credentials: new BceCredentials('ak', 'sk') });
    const first = client.context.http;
    expect(first).toBeInstanceOf(VendorHttp);
    expect(client.context.http).toBe(first);
    client.config.connection_timeout_in_mills = 1234;
    expect(client.context.http).not.toBe(first);
    await client.close();
  });

  it('a client without credentials fails with TypeError before any request, as before', async () => {
    const client = offline();
    await expect(client.list_buckets()).rejects.toThrow(TypeError);
    await expect(client.list_buckets()).rejects.toThrow(/credentials is required/);
    await client.close();
  });

  it('an unencodable key fails with the seed argument error, never sent', async () => {
    const client = offline({ credentials: new BceCredentials('ak', 'sk') });
    const error = await client.delete_object('b', 'lone \ud800 surrogate').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BceInvalidArgumentError);
    await client.close();
  });
});
