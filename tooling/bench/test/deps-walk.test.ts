import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyClosure, folderBytes, locateDependency } from '../src/groups/deps-walk.ts';

const root = mkdtempSync(join(tmpdir(), 'bench-deps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pkg(dir: string, name: string, deps: Record<string, string> = {}, extra: object = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, dependencies: deps, ...extra }));
}

describe('dependency walk', () => {
  // app -> a (nested copy) -> shared ; app -> b -> shared (hoisted), optional c missing
  const app = join(root, 'app');
  pkg(app, 'app', { a: '1', b: '1' }, { optionalDependencies: { c: '1' } });
  pkg(join(app, 'node_modules', 'a'), 'a', { shared: '1' });
  pkg(join(app, 'node_modules', 'b'), 'b', { shared: '1', gone: '1' });
  pkg(join(app, 'node_modules', 'shared'), 'shared');
  writeFileSync(join(app, 'node_modules', 'shared', 'index.js'), 'x'.repeat(100));
  // pnpm-style symlink: app/node_modules/link -> ../store/link
  pkg(join(root, 'store', 'link'), 'link');
  symlinkSync(join(root, 'store', 'link'), join(app, 'node_modules', 'link'));

  it('finds dependencies the way Node does, nearest node_modules first', () => {
    expect(locateDependency(join(app, 'node_modules', 'a'), 'shared')).toBe(join(app, 'node_modules', 'shared'));
    expect(locateDependency(app, 'nothing')).toBeUndefined();
    expect(locateDependency(app, 'link')).toBe(join(root, 'store', 'link'));
  });
  it('counts each package once and reports missing required ones', () => {
    const closure = dependencyClosure(app);
    expect(closure.packages.map((p) => p.split(/[\\/]/).pop()).sort()).toEqual(['a', 'b', 'shared']);
    expect(closure.missing).toEqual(['gone (from b)']);
  });
  it('folderBytes sums files without descending into node_modules', () => {
    expect(folderBytes(join(app, 'node_modules', 'shared'))).toBe(100 + JSON.stringify({ name: 'shared', dependencies: {} }).length);
    expect(folderBytes(app)).toBe(JSON.stringify({ name: 'app', dependencies: { a: '1', b: '1' }, optionalDependencies: { c: '1' } }).length);
  });
  it('counts a real install: @aws-sdk/client-s3 has dozens of packages, none missing', () => {
    const s3 = locateDependency(join(__dirname, '..'), '@aws-sdk/client-s3');
    if (!s3) return;
    const closure = dependencyClosure(s3);
    expect(closure.missing).toEqual([]);
    expect(closure.packages.length).toBeGreaterThan(10);
  });
});
