/**
 * Compile tests: the seed ports in test/types/*.check.ts must type-check
 * under the repository's strict options (exactOptionalPropertyTypes,
 * noUncheckedIndexedAccess), and every public member of BosClient, camelCase
 * twins included, must carry hover documentation that agrees between twins.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const checks = readdirSync(`${root}test/types`)
  .filter((f) => f.endsWith('.check.ts'))
  .map((f) => `${root}test/types/${f}`);

let program: ts.Program;

beforeAll(() => {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (!configPath) throw new Error('no tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  program = ts.createProgram([...checks, `${root}src/index.ts`], { ...parsed.options, noEmit: true });
}, 120_000);

describe('seed ports compile', () => {
  it('the repository options are the strict ones the issue names', () => {
    expect(program.getCompilerOptions().exactOptionalPropertyTypes).toBe(true);
    expect(program.getCompilerOptions().noUncheckedIndexedAccess).toBe(true);
  });

  for (const file of checks) {
    it(`${file.slice(root.length)} has no type errors`, () => {
      const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
      const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(text).toEqual([]);
    }, 120_000);
  }
});

describe('hover docs on BosClient', () => {
  function members(): Map<string, string> {
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(`${root}src/index.ts`);
    if (!index) throw new Error('no src/index.ts');
    const moduleSymbol = checker.getSymbolAtLocation(index);
    const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'BosClient');
    if (!exported) throw new Error('BosClient is not exported');
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const docs = new Map<string, string>();
    for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      if (member.name.startsWith('#')) continue; // private: no hover outside the class
      docs.set(member.name, ts.displayPartsToString(member.getDocumentationComment(checker)).trim());
    }
    return docs;
  }

  it('every public member is documented', () => {
    const undocumented = [...members()].filter(([, doc]) => doc === '').map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it("each camelCase twin shows its snake_case method's docs", async () => {
    const { METHOD_ALIASES, TRANSFER_METHOD_ALIASES } = await import('../src/index.ts');
    const docs = members();
    const pairs: Array<[string, string]> = [
      ...Object.entries(METHOD_ALIASES),
      ...Object.entries(TRANSFER_METHOD_ALIASES),
      ['get_object_meta_data', 'getObjectMetadata'],
      ['generate_pre_signed_url', 'generatePresignedUrl'],
    ];
    for (const [snake, camel] of pairs) {
      expect(docs.get(camel), camel).toBe(`${docs.get(snake)}\n\nThe same function as \`${snake}\`.`);
    }
  });
});
