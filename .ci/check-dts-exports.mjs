// Type declarations promise nothing the runtime lacks: for every published package and
// every entry of its `exports`, the value exports (not types) that the `.d.ts` (import)
// and `.d.cts` (require) declare must exist on the module loaded through `import` and
// `require` respectively. Listed with the TypeScript compiler API, so `export *`,
// namespaces and `export { type X }` are read as TypeScript reads them.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const packageDirs = [...readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d)), join(root, 'tooling/emulator')];
const require = createRequire(import.meta.url);
let failures = 0;

/** One program for every declaration file: each checked alone costs seconds of type loading. */
function valueExportLister(files) {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  /** Names of the value exports (functions, classes, consts, enums, namespaces with values) a declaration file declares. */
  return (file) => {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file));
    if (!moduleSymbol) throw new Error(`${file} is not a module`);
    return checker
      .getExportsOfModule(moduleSymbol)
      .filter((symbol) => isValue(checker, symbol))
      .map((symbol) => symbol.getName())
      .filter((name) => name !== 'default');
  };
}

/** True when `export { type X }` / `export type { X }` / `import type` appear on the alias chain: a type-only export. */
function isTypeOnlyAlias(symbol) {
  return (symbol.declarations ?? []).some(
    (d) => (ts.isExportSpecifier(d) || ts.isImportSpecifier(d) || ts.isImportClause(d)) && ts.isTypeOnlyImportOrExportDeclaration(d),
  );
}

function isValue(checker, symbol) {
  let current = symbol;
  const seen = new Set();
  while (current.flags & ts.SymbolFlags.Alias) {
    if (isTypeOnlyAlias(current) || seen.has(current)) return false;
    seen.add(current);
    const next = checker.getImmediateAliasedSymbol(current);
    if (!next) break;
    current = next;
  }
  if (current.flags & ts.SymbolFlags.Alias) current = checker.getAliasedSymbol(current);
  return (current.flags & ts.SymbolFlags.Value) !== 0;
}

const checks = [];
for (const dir of packageDirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target === 'string') continue;
    const name = `${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}`;
    for (const kind of ['import', 'require']) {
      const condition = target[kind];
      checks.push({ name, kind, types: join(dir, condition.types), code: join(dir, condition.default), label: condition.types });
    }
  }
}

const declaredValueExports = valueExportLister(checks.map((c) => c.types));
for (const { name, kind, types, code, label } of checks) {
  const declared = declaredValueExports(types);
  const runtime = kind === 'import' ? await import(pathToFileURL(code).href) : require(code);
  const missing = declared.filter((n) => !(n in runtime) || runtime[n] === undefined);
  if (missing.length === 0) {
    console.log(`ok   ${name} (${kind}): ${declared.length} value exports of ${label} exist`);
  } else {
    failures++;
    console.log(`FAIL ${name} (${kind}): ${label} declares ${missing.length} value exports missing at runtime: ${missing.join(', ')}`);
  }
}
process.exit(failures ? 1 : 0);
