/**
 * Mapping object keys to local paths without ever leaving the destination
 * folder, and local paths back to keys. Pure functions.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UnsafeKeyError } from './errors.ts';

/**
 * The local path for `key` (relative to a downloaded prefix) under `root`.
 *
 * Refused with `UnsafeKeyError`, before anything is written: an empty key,
 * a `..` path segment, an absolute key (`/etc/passwd`), a backslash (a
 * separator on Windows, so `..\\x` would escape there), a drive letter
 * (`C:`), a NUL byte. `.` segments and repeated slashes are refused too:
 * they would silently merge distinct keys into one file. Names that merely
 * contain dots (`v1..v2.txt`) are fine.
 */
export function safeJoin(root: string, key: string): string {
  const refuse = (why: string): never => {
    throw new UnsafeKeyError('UnsafeKey', `refusing to write object key ${JSON.stringify(key)} under ${root}: ${why}`);
  };
  if (typeof key !== 'string' || key.length === 0) refuse('the key is empty');
  if (key.includes('\0')) refuse('it contains a NUL byte');
  if (key.includes('\\')) refuse('it contains a backslash');
  if (key.startsWith('/') || isAbsolute(key)) refuse('it is an absolute path');
  if (/^[A-Za-z]:/.test(key)) refuse('it starts with a drive letter');
  const segments = key.split('/');
  // A trailing slash (a "folder" object) leaves one empty last segment, which is allowed.
  const inner = key.endsWith('/') ? segments.slice(0, -1) : segments;
  for (const segment of inner) {
    if (segment === '..') refuse('it has a ".." segment');
    if (segment === '.') refuse('it has a "." segment');
    if (segment === '') refuse('it has an empty segment (//)');
  }
  const base = resolve(root);
  const target = resolve(base, ...inner);
  const rel = relative(base, target);
  // Belt and braces: whatever the rules above missed, the result must stay strictly inside root.
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) refuse('it resolves outside the folder');
  return target;
}

/** The key for a file at relative path `rel` (OS separators) under `prefix`. */
export function keyFor(prefix: string, rel: string): string {
  const posix = rel.split(sep).join('/');
  return prefix + posix;
}

/**
 * A folder prefix: `''` stays `''` (the whole bucket), anything else ends
 * with exactly one `/`, so `photos` and `photos/` both mean the folder
 * `photos/` (and never match `photos2/`).
 */
export function folderPrefix(prefix: string): string {
  if (typeof prefix !== 'string') throw new TypeError('prefix must be a string');
  if (prefix === '') return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}
