import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('@yunstore/core package', () => {
  it('depends at run time on undici and fast-xml-parser only', () => {
    expect(Object.keys(pkg['dependencies'] as object).sort()).toEqual(['fast-xml-parser', 'undici']);
  });
  it('publishes dist, the licence and the XML loader, side-effect free, with the sign subpath', () => {
    expect(pkg['files']).toEqual(['dist', 'LICENSE', 'load-fast-xml-parser.cjs']);
    expect(pkg['sideEffects']).toBe(false);
    expect(Object.keys(pkg['exports'] as object)).toEqual(['.', './sign', './package.json']);
  });
});
