// Every published package loads through both `import` and `require`, and every
// export condition points at a file that exists (types first).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dirs = [...readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d)), join(root, 'tooling/emulator')];
const require = createRequire(import.meta.url);
let failures = 0;

for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target === 'string') continue;
    const name = `${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}`;
    try {
      for (const kind of ['import', 'require']) {
        const cond = target[kind];
        if (Object.keys(cond)[0] !== 'types') throw new Error(`${kind} condition does not list types first`);
        for (const file of [cond.types, cond.default]) {
          if (!existsSync(join(dir, file))) throw new Error(`${kind}: missing ${file}`);
        }
      }
      const esm = await import(pathToFileURL(join(dir, target.import.default)).href);
      const cjs = require(join(dir, target.require.default));
      const esmKeys = Object.keys(esm)
        .filter((k) => k !== 'default' && k !== 'module.exports')
        .sort();
      const cjsKeys = Object.keys(cjs).sort();
      if (esmKeys.join() !== cjsKeys.join()) throw new Error(`ESM and CJS export different names`);
      console.log(`ok   ${name} (${esmKeys.length} exports)`);
    } catch (error) {
      failures++;
      console.log(`FAIL ${name}: ${error.message}`);
    }
  }
}
process.exit(failures ? 1 : 0);
