import { describe, expect, it } from 'vitest';
import { CredentialCache, type ProvidedCredentials } from '../src/credentials.ts';
import { YunstoreError } from '../src/errors.ts';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** A provider answering key `<n>` on its n-th call, valid for `lifetimeMs` from the clock's now. */
function countingProvider(clock: { now: () => number }, lifetimeMs: number) {
  const state = { calls: 0 };
  const provider = async (): Promise<ProvidedCredentials> => {
    state.calls++;
    return {
      accessKeyId: `id-${state.calls}`,
      secretAccessKey: `key-${state.calls}`,
      sessionToken: `token-${state.calls}`,
      expiration: clock.now() + lifetimeMs,
    };
  };
  return { state, provider };
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

class VendorError extends YunstoreError {
  override name = 'VendorError';
}

describe('CredentialCache', () => {
  it('asks once, then serves the cached keys until the refresh window', async () => {
    const clock = fakeClock();
    const { state, provider } = countingProvider(clock, 60 * MINUTE);
    const cache = new CredentialCache(provider, { now: clock.now });
    await cache.ready();
    expect(cache.current()).toEqual({ accessKeyId: 'id-1', secretAccessKey: 'key-1', sessionToken: 'token-1' });
    clock.advance(54 * MINUTE);
    await cache.ready();
    expect(state.calls).toBe(1);
    // 5 minutes before expiry: the next call asks again.
    clock.advance(1 * MINUTE);
    await cache.ready();
    expect(state.calls).toBe(2);
    expect(cache.current().accessKeyId).toBe('id-2');
  });

  it('concurrent callers share one provider call', async () => {
    const clock = fakeClock();
    let release: () => void = () => undefined;
    let calls = 0;
    const cache = new CredentialCache(
      async () => {
        calls++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { accessKeyId: 'a', secretAccessKey: 'b' };
      },
      { now: clock.now },
    );
    const waiting = Promise.all([cache.ready(), cache.ready(), cache.ready()]);
    await Promise.resolve();
    release();
    await waiting;
    expect(calls).toBe(1);
    expect(cache.current()).toEqual({ accessKeyId: 'a', secretAccessKey: 'b' });
  });

  it('keys without an expiry are asked for once', async () => {
    const clock = fakeClock();
    let calls = 0;
    const cache = new CredentialCache(
      () => {
        calls++;
        return { accessKeyId: 'a', secretAccessKey: 'b' };
      },
      { now: clock.now },
    );
    await cache.ready();
    clock.advance(1000 * 24 * 60 * MINUTE);
    await cache.ready();
    cache.current();
    expect(calls).toBe(1);
  });

  it('accepts expiration as a Date, an ISO string or epoch ms', async () => {
    const clock = fakeClock();
    const at = clock.now() + 2 * MINUTE;
    for (const expiration of [new Date(at), new Date(at).toISOString(), at]) {
      let calls = 0;
      const cache = new CredentialCache(
        () => {
          calls++;
          return { accessKeyId: 'a', secretAccessKey: 'b', expiration };
        },
        { now: clock.now },
      );
      await cache.ready();
      // Already inside the 5-minute window: every ready() asks again.
      await cache.ready();
      expect(calls).toBe(2);
    }
  });

  it('a provider answering synchronously serves current() without ready()', () => {
    const clock = fakeClock();
    let calls = 0;
    const cache = new CredentialCache(
      () => {
        calls++;
        return { accessKeyId: `id-${calls}`, secretAccessKey: 'k', expiration: clock.now() + 60 * MINUTE };
      },
      { now: clock.now },
    );
    expect(cache.current().accessKeyId).toBe('id-1');
    clock.advance(61 * MINUTE);
    // Expired: asked again on the spot.
    expect(cache.current().accessKeyId).toBe('id-2');
    expect(calls).toBe(2);
  });

  it('current() before an asynchronous provider answered is a clear InvalidCredentials error', async () => {
    const clock = fakeClock();
    const { provider } = countingProvider(clock, 60 * MINUTE);
    const cache = new CredentialCache(provider, { now: clock.now, label: 'credentials_provider' });
    expect(() => cache.current()).toThrow(/credentials_provider keys are not loaded yet/);
    // The call started by current() is the one ready() waits for.
    await cache.ready();
    expect(cache.current().accessKeyId).toBe('id-1');
  });

  it('inside the refresh window current() keeps the valid keys and refreshes in the background', async () => {
    const clock = fakeClock();
    const { state, provider } = countingProvider(clock, 10 * MINUTE);
    const cache = new CredentialCache(provider, { now: clock.now });
    await cache.ready();
    clock.advance(6 * MINUTE);
    expect(cache.current().accessKeyId).toBe('id-1');
    // The background call is shared with the next ready().
    await cache.ready();
    expect(state.calls).toBe(2);
    expect(cache.current().accessKeyId).toBe('id-2');
  });

  it('expired keys are never served', async () => {
    const clock = fakeClock();
    const { provider } = countingProvider(clock, 10 * MINUTE);
    const cache = new CredentialCache(provider, { now: clock.now });
    await cache.ready();
    clock.advance(11 * MINUTE);
    expect(() => cache.current()).toThrow(/have expired/);
  });

  it('a provider that throws gives InvalidCredentials with its message and cause; the next call asks again', async () => {
    const clock = fakeClock();
    let calls = 0;
    const cause = new Error('metadata service unreachable');
    const cache = new CredentialCache(
      async () => {
        calls++;
        if (calls === 1) throw cause;
        return { accessKeyId: 'a', secretAccessKey: 'b' };
      },
      { now: clock.now },
    );
    const error = await rejection(() => cache.ready());
    expect(error).toBeInstanceOf(YunstoreError);
    expect((error as YunstoreError).code).toBe('InvalidCredentials');
    expect((error as YunstoreError).message).toMatch(/metadata service unreachable/);
    expect((error as YunstoreError).cause).toBe(cause);
    await cache.ready();
    expect(cache.current().accessKeyId).toBe('a');
  });

  it('answers without keys are rejected, never signed with', async () => {
    const answers: unknown[] = [
      undefined,
      null,
      'keys',
      {},
      { accessKeyId: 'a' },
      { accessKeyId: '', secretAccessKey: 'b' },
      { accessKeyId: 'a', secretAccessKey: 7 },
    ];
    for (const answer of answers) {
      const cache = new CredentialCache(() => answer);
      const error = await rejection(() => cache.ready());
      expect((error as YunstoreError).code).toBe('InvalidCredentials');
      expect(() => cache.current()).toThrow(/credentials|keys/);
    }
  });

  it('maps errors to the vendor class and answers from the vendor spelling', async () => {
    const toError = (e: YunstoreError): Error => new VendorError(e.code, e.message, { cause: e.cause });
    const normalize = (answer: unknown): unknown => {
      const a = answer as { Id: string; Key: string; Seconds: number };
      return { accessKeyId: a.Id, secretAccessKey: a.Key, expiration: a.Seconds * 1000 };
    };
    const good = new CredentialCache(() => ({ Id: 'i', Key: 'k', Seconds: 4_000_000_000 }), { normalize, toError });
    await good.ready();
    expect(good.current()).toEqual({ accessKeyId: 'i', secretAccessKey: 'k' });
    const failing = new CredentialCache(
      () => {
        throw new Error('nope');
      },
      { toError, label: 'credentials_provider' },
    );
    const error = await rejection(() => failing.ready());
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).message).toBe('the credentials_provider failed: nope');
    expect(() => failing.current()).toThrow(VendorError);
  });

  it('the keys returned by current() are a copy: callers cannot change the cache', async () => {
    const cache = new CredentialCache(() => ({ accessKeyId: 'a', secretAccessKey: 'b' }));
    await cache.ready();
    cache.current().secretAccessKey = 'changed';
    expect(cache.current().secretAccessKey).toBe('b');
  });
});
