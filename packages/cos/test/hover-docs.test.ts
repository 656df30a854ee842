import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Hover documentation: every public member of CosS3Client carries JSDoc, and
 * each camelCase twin shows the same text as its Python-named method (what an
 * editor shows on hover is what the type checker reads here).
 */
const clientFile = fileURLToPath(new URL('../src/client.ts', import.meta.url));

function publicMembers(): Map<string, string> {
  const program = ts.createProgram([clientFile], {
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(clientFile);
  const declaration = source?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === 'CosS3Client');
  if (!declaration?.name) throw new Error('CosS3Client not found');
  const symbol = checker.getSymbolAtLocation(declaration.name);
  if (!symbol) throw new Error('no symbol for CosS3Client');
  const docs = new Map<string, string>();
  for (const member of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
    const decl = member.declarations?.[0];
    const modifiers = decl ? ts.getCombinedModifierFlags(decl) : ts.ModifierFlags.None;
    if (member.name.startsWith('#') || member.name.startsWith('__#') || modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    docs.set(member.name, ts.displayPartsToString(member.getDocumentationComment(checker)).trim());
  }
  return docs;
}

const camel = (name: string): string => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

describe('hover docs on CosS3Client', () => {
  const docs = publicMembers();

  it('every public method and property has JSDoc', () => {
    const missing = [...docs].filter(([, doc]) => doc === '').map(([name]) => name);
    const documented = docs.size - missing.length;
    console.info(`CosS3Client hover docs: ${documented}/${docs.size} public members documented`);
    expect(missing).toEqual([]);
    expect(docs.size).toBeGreaterThan(90);
  });

  it('each camelCase twin carries the same docs as its Python-named method', () => {
    const pairs = [...docs.keys()].filter((name) => name.includes('_'));
    expect(pairs.length).toBeGreaterThan(45);
    for (const snake of pairs) {
      const twin = camel(snake);
      expect(docs.has(twin), `${twin} exists`).toBe(true);
      // The twins are generated (pnpm twin-docs): the full text, then the sentence naming the Python-named method.
      expect(docs.get(twin), `${twin} documents like ${snake}`).toBe(`${docs.get(snake)}\n\nThe same function as \`${snake}\`.`);
    }
  });
});
