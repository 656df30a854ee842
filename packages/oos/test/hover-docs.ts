/**
 * Counts the client members that show documentation on hover, the way an
 * editor asks TypeScript for it (quick info at `client.<member>`), for the
 * package source or a built `.d.ts`. Used by hover-docs.test.ts; run it by
 * hand on `dist/index.d.ts` to count what users of the published package see.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export interface HoverDocs {
  /** Members that are functions (methods and function-valued properties). */
  methods: string[];
  /** Those among them whose hover shows no documentation. */
  undocumented: string[];
  /** The documentation text each method shows on hover (tags included). */
  docs: Record<string, string>;
}

type ClientName = 'S3Client' | 'IamClient';

/** Hover documentation of every method of the named client types, imported from `entry` (a `.ts` or `.d.ts` file). */
export function hoverDocs(entry: string, typeNames: readonly ClientName[] = ['S3Client', 'IamClient']): Record<ClientName, HoverDocs> {
  const probe = join(dirname(entry), '__hover_probe.ts');
  const importPath = `./${entry.slice(dirname(entry).length + 1).replace(/\.d\.ts$/, '.js')}`;
  const files = new Map<string, string>();
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [probe],
    getScriptVersion: () => String(files.get(probe)?.length ?? 0),
    getScriptSnapshot: (f) => {
      const text = files.get(f) ?? (existsSync(f) ? readFileSync(f, 'utf8') : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dirname(entry),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => files.has(f) || existsSync(f),
    readFile: (f) => files.get(f) ?? (existsSync(f) ? readFileSync(f, 'utf8') : undefined),
  };
  const service = ts.createLanguageService(host);

  const header = `import type { ${typeNames.join(', ')} } from '${importPath}';\n${typeNames.map((t) => `declare const ${t}_: ${t};`).join('\n')}\n`;

  // Pass 1: the member names of each client type.
  files.set(probe, `${header}export {};\n`);
  const program = service.getProgram();
  const source = program?.getSourceFile(probe);
  if (!program || !source) throw new Error(`cannot load ${entry}`);
  const checker = program.getTypeChecker();
  const members = new Map<ClientName, string[]>();
  typeNames.forEach((typeName, i) => {
    const statement = source.statements[i + 1];
    if (!statement || !ts.isVariableStatement(statement)) throw new Error('probe has an unexpected shape');
    const declaration = statement.declarationList.declarations[0]!;
    const type = checker.getTypeAtLocation(declaration.name);
    const methods = checker
      .getPropertiesOfType(type)
      .filter((p) => checker.getTypeOfSymbolAtLocation(p, declaration).getCallSignatures().length > 0)
      .map((p) => p.getName())
      .sort();
    if (methods.length === 0) throw new Error(`${typeName} from ${entry} has no methods: the import did not resolve`);
    members.set(typeName, methods);
  });

  // Pass 2: hover (quick info) on `<client>.<name>` for each of them.
  const lines: Array<{ typeName: ClientName; name: string; text: string }> = [];
  for (const [typeName, methods] of members) for (const name of methods) lines.push({ typeName, name, text: `${typeName}_.${name};` });
  files.set(probe, header + lines.map((l) => l.text).join('\n'));
  const result = {} as Record<ClientName, HoverDocs>;
  for (const [typeName, methods] of members) result[typeName] = { methods, undocumented: [], docs: {} };
  let offset = header.length;
  for (const line of lines) {
    const info = service.getQuickInfoAtPosition(probe, offset + line.typeName.length + 2);
    const doc = ts.displayPartsToString(info?.documentation ?? []).trim();
    const tags = (info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text ?? [])}`).join('\n');
    if (doc === '') result[line.typeName].undocumented.push(line.name);
    result[line.typeName].docs[line.name] = tags === '' ? doc : `${doc}\n${tags}`;
    offset += line.text.length + 1;
  }
  return result;
}
