// Bundled apps work: .ci/bundle-app/app.mjs (all four SDKs) is bundled with esbuild for
// platform node as ESM and as CommonJS, the bundles are moved to a folder with no
// node_modules anywhere above it, and each runs against the emulator, doing an
// XML-answer call per vendor (BOS answers JSON). A dependency that the bundler could
// not see (e.g. a `require` hidden behind createRequire) fails here with "Cannot find module".
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const vendors = ['cos', 'oos', 'bos', 'nos'];
const work = mkdtempSync(join(tmpdir(), 'yunstore-bundle-'));
let failures = 0;

try {
  // A user's project: the app and node_modules/@yunstore/<vendor> linked to the workspace packages.
  const project = join(work, 'project');
  mkdirSync(join(project, 'node_modules', '@yunstore'), { recursive: true });
  for (const vendor of vendors) symlinkSync(join(root, 'packages', vendor), join(project, 'node_modules', '@yunstore', vendor), 'dir');
  copyFileSync(join(root, '.ci/bundle-app/app.mjs'), join(project, 'app.mjs'));

  const runDir = join(work, 'run');
  mkdirSync(runDir);
  for (let dir = runDir; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) throw new Error(`${dir}/node_modules exists: the bundle could load packages from it`);
  }

  const { startEmulator } = await import(pathToFileURL(join(root, 'tooling/emulator/dist/index.js')).href);
  const buckets = { cos: 'bundle-1250000000', oos: 'bundle-oos', bos: 'bundle-bos', nos: 'bundle-nos' };
  const emulator = await startEmulator({ buckets: vendors.map((v) => `${v}:${buckets[v]}`) });
  try {
    for (const format of ['esm', 'cjs']) {
      const outfile = join(runDir, format === 'esm' ? 'app.mjs' : 'app.cjs');
      try {
        const result = await build({
          entryPoints: [join(project, 'app.mjs')],
          bundle: true,
          platform: 'node',
          target: 'node20',
          format,
          outfile,
          metafile: true,
          logLevel: 'silent',
          // undici is CommonJS and requires Node built-ins; esbuild's ESM output has no `require`
          // for them (esbuild issue #1921), so ESM bundles for Node need this banner, as with any
          // CommonJS dependency. The CommonJS bundle needs nothing.
          ...(format === 'esm' && {
            banner: { js: "import { createRequire as __yunstoreCreateRequire } from 'node:module'; const require = __yunstoreCreateRequire(import.meta.url);" },
          }),
        });
        const inputs = Object.keys(result.metafile.inputs);
        for (const dependency of ['fast-xml-parser', 'undici']) {
          if (!inputs.some((p) => p.includes(`/${dependency}/`))) throw new Error(`${dependency} is not in the bundle`);
        }
        const setup = JSON.stringify({
          endpoints: emulator.endpoints,
          accessKeyId: 'AKIDyunstoreEMULATOR',
          secretAccessKey: 'yunstore-emulator-secret',
          buckets,
        });
        const env = { ...process.env };
        delete env.NODE_PATH;
        const { stdout } = await promisify(execFile)(process.execPath, [outfile, setup], { cwd: runDir, env, timeout: 120_000 });
        if (!stdout.includes('bundled app ok')) throw new Error(`unexpected output:\n${stdout}`);
        console.log(`ok   esbuild ${format} bundle (${inputs.length} inputs) runs against the emulator`);
      } catch (error) {
        failures++;
        console.log(`FAIL esbuild ${format} bundle: ${error.stderr || error.stdout || error.message}`);
      }
    }
  } finally {
    await emulator.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
