import { describe, expect, it } from 'vitest';
import { createCredentials, DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../src/credentials.ts';

describe('createCredentials', () => {
  it('holds the default key unless given keys', () => {
    const c = createCredentials();
    expect(c.lookup(DEFAULT_ACCESS_KEY_ID)).toMatchObject({ secretAccessKey: DEFAULT_SECRET_ACCESS_KEY, status: 'Active', isPrimary: true });
    const own = createCredentials([
      { accessKeyId: 'a', secretAccessKey: 's', owner: 'alice', sessionToken: 'tok' },
      { accessKeyId: 'b', secretAccessKey: 't', owner: 'alice' },
    ]);
    expect(own.lookup(DEFAULT_ACCESS_KEY_ID)).toBeUndefined();
    expect(own.lookup('a')).toMatchObject({ owner: 'alice', sessionToken: 'tok', isPrimary: true });
    expect(own.lookup('b')?.isPrimary).toBe(false);
    expect(() => createCredentials([{ accessKeyId: '', secretAccessKey: 'x' }])).toThrow(/accessKeyId/);
  });

  it('creates, deactivates and removes keys; lookup only finds active ones', () => {
    const c = createCredentials();
    const k = c.create('bob');
    expect(k.accessKeyId).toMatch(/^AKID[0-9A-F]{16}$/);
    expect(c.lookup(k.accessKeyId)?.secretAccessKey).toBe(k.secretAccessKey);
    c.update(k.accessKeyId, { status: 'Inactive' });
    expect(c.lookup(k.accessKeyId)).toBeUndefined();
    expect(c.get(k.accessKeyId)?.status).toBe('Inactive');
    c.update(k.accessKeyId, { status: 'Active', isPrimary: true });
    expect(c.lookup(k.accessKeyId)?.isPrimary).toBe(true);
    expect(c.list('bob')).toHaveLength(1);
    expect(c.list()).toHaveLength(2);
    expect(c.remove(k.accessKeyId)).toBe(true);
    expect(c.lookup(k.accessKeyId)).toBeUndefined();
    expect(c.update('nope', { status: 'Active' })).toBeUndefined();
  });

  it('hands out copies', () => {
    const c = createCredentials();
    const k = c.lookup(DEFAULT_ACCESS_KEY_ID)!;
    k.status = 'Inactive';
    expect(c.lookup(DEFAULT_ACCESS_KEY_ID)).toBeDefined();
  });
});
