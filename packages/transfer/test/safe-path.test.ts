import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsafeKeyError } from '../src/errors.ts';
import { folderPrefix, keyFor, safeJoin } from '../src/safe-path.ts';

const root = resolve('/tmp/dest');

describe('safeJoin', () => {
  it('maps ordinary keys under the root', () => {
    expect(safeJoin(root, 'a.txt')).toBe(join(root, 'a.txt'));
    expect(safeJoin(root, 'nested/deep/file name.bin')).toBe(join(root, 'nested', 'deep', 'file name.bin'));
    expect(safeJoin(root, '照片/二〇二四.jpg')).toBe(join(root, '照片', '二〇二四.jpg'));
    expect(safeJoin(root, 'v1..v2.txt')).toBe(join(root, 'v1..v2.txt'));
    expect(safeJoin(root, '...')).toBe(join(root, '...'));
    expect(safeJoin(root, 'folder/')).toBe(join(root, 'folder'));
  });

  it.each([
    ['..', /\.\./],
    ['../etc/passwd', /\.\./],
    ['a/../../b', /\.\./],
    ['a/..', /\.\./],
    ['/etc/passwd', /absolute/],
    ['//server/share', /absolute/],
    ['..\\..\\windows\\system32', /backslash/],
    ['a\\b', /backslash/],
    ['C:/Windows/x', /drive letter/],
    ['c:x', /drive letter/],
    ['a/./b', /"\." segment/],
    ['a//b', /empty segment/],
    ['nul\0byte', /NUL/],
    ['', /empty/],
    ['/', /absolute/],
  ])('refuses %j', (key, why) => {
    expect(() => safeJoin(root, key)).toThrow(UnsafeKeyError);
    expect(() => safeJoin(root, key)).toThrow(why);
  });

  it('gives the error code UnsafeKey and names the key', () => {
    try {
      safeJoin(root, '../x');
      expect.unreachable();
    } catch (error) {
      expect((error as UnsafeKeyError).code).toBe('UnsafeKey');
      expect((error as Error).message).toContain('"../x"');
    }
  });
});

describe('folderPrefix / keyFor', () => {
  it('normalises prefixes to folders', () => {
    expect(folderPrefix('')).toBe('');
    expect(folderPrefix('photos')).toBe('photos/');
    expect(folderPrefix('photos/')).toBe('photos/');
  });
  it('builds keys with forward slashes', () => {
    expect(keyFor('p/', join('a', 'b.txt'))).toBe('p/a/b.txt');
    expect(keyFor('', 'x')).toBe('x');
  });
});
