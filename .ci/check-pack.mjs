// The release dry run: packs every published package the way `pnpm publish -r` does
// (`pnpm pack`, which also rewrites `workspace:` ranges) and checks each tarball holds
// dist/, README.md, LICENSE and package.json, nothing from src/ or test/, and the
// metadata a registry page shows. See RELEASING.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packageDirs = [...readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d)), join(root, 'tooling/emulator')];
const out = mkdtempSync(join(tmpdir(), 'yunstore-pack-'));
const required = ['package/package.json', 'package/README.md', 'package/LICENSE'];
const metadata = ['license', 'repository', 'homepage', 'bugs', 'keywords', 'engines'];
let failures = 0;

try {
  for (const dir of packageDirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const problems = [];
    const before = new Set(readdirSync(out));
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(out).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (!tarball) throw new Error(`${pkg.name}: pnpm pack wrote no tarball`);
    const path = join(out, tarball);
    const files = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const file of required) if (!files.includes(file)) problems.push(`no ${file.slice('package/'.length)}`);
    if (!files.some((f) => f.startsWith('package/dist/'))) problems.push('no dist/');
    const stray = files.filter((f) => /^package\/(src|test)\//.test(f));
    if (stray.length > 0) problems.push(`holds ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ', ...' : ''}`);
    // Every relative import of the built code (e.g. core's ../load-fast-xml-parser.cjs) is in the tarball.
    for (const file of files.filter((f) => /^package\/dist\/.*\.(c|m)?js$/.test(f))) {
      const code = execFileSync('tar', ['-xzOf', path, file], { encoding: 'utf8' });
      for (const [, spec] of code.matchAll(/(?:from\s*|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = posix.normalize(posix.join(posix.dirname(file), spec));
        if (!files.includes(target)) problems.push(`${file.slice('package/'.length)} imports ${spec}, not in the tarball`);
      }
    }
    const packed = JSON.parse(execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' }));
    for (const field of metadata) if (packed[field] === undefined) problems.push(`package.json has no ${field}`);
    if (packed.repository?.directory === undefined) problems.push('repository has no directory');
    const ranges = Object.values({ ...packed.dependencies, ...packed.peerDependencies });
    if (ranges.some((r) => r.startsWith('workspace:'))) problems.push('a workspace: range was not rewritten');
    const kib = (execFileSync('gzip', ['-l', path], { encoding: 'utf8' }).split('\n')[1] ?? '').trim().split(/\s+/)[1];
    if (problems.length === 0) {
      console.log(`ok   ${tarball}: ${files.length} files, ${Math.round(Number(kib) / 1024)} KiB unpacked`);
    } else {
      failures++;
      console.log(`FAIL ${tarball}: ${problems.join('; ')}`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
