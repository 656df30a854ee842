/**
 * Issue 13/15: every client method, and its camelCase twin, shows
 * documentation on hover (before: 7 of 84 S3Client methods did).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { hoverDocs, type HoverDocs } from './hover-docs.ts';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** `put_object` → `putObject`, for every snake_case method that has a twin. */
function twins({ methods }: HoverDocs): Array<[string, string]> {
  return methods.filter((m) => m.includes('_')).map((m) => [m, m.replace(/_([a-z])/g, (_x, c: string) => c.toUpperCase())]);
}

describe('hover documentation', { timeout: 120_000 }, () => {
  // One language service for both clients: loading the program is the slow part.
  let docs: ReturnType<typeof hoverDocs>;
  beforeAll(() => {
    docs = hoverDocs(entry);
  }, 120_000);

  it('every S3Client method and camelCase twin is documented', () => {
    const { methods, undocumented } = docs.S3Client;
    console.info(`S3Client: ${methods.length - undocumented.length}/${methods.length} methods documented on hover`);
    // Both spellings of a seed method are there (the list is the real one, not an empty pass).
    expect(methods).toEqual(expect.arrayContaining(['put_object', 'putObject', 'get_paginator', 'getPaginator', 'close']));
    expect(methods.length).toBeGreaterThanOrEqual(84);
    expect(undocumented).toEqual([]);
  });

  it('each camelCase twin shows the same documentation as its snake_case method', () => {
    for (const client of [docs.S3Client, docs.IamClient]) {
      const pairs = twins(client);
      expect(pairs.length).toBeGreaterThan(0);
      for (const [snake, camel] of pairs) {
        expect(client.methods, snake).toContain(camel);
        // The twins are generated (pnpm twin-docs): the full text, then the sentence naming the seed method.
        const sameAs = `\n\nThe same function as \`${snake}\`.`;
        expect(client.docs[camel], camel).toContain(sameAs);
        expect(client.docs[camel]?.replace(sameAs, ''), camel).toBe(client.docs[snake]);
      }
    }
  });

  it('every IamClient method and camelCase twin is documented', () => {
    const { methods, undocumented } = docs.IamClient;
    console.info(`IamClient: ${methods.length - undocumented.length}/${methods.length} methods documented on hover`);
    expect(methods).toEqual(expect.arrayContaining(['create_access_key', 'createAccessKey', 'close']));
    expect(undocumented).toEqual([]);
  });
});
