import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
// The build inlines only `version` (tree-shaken JSON import).
import { version } from '../package.json';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_SECRET_ACCESS_KEY,
  DIALECTS,
  parseBucketSpec,
  parseBuckets,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type FaultRule,
} from './index.ts';

/** The emulator's version, as `--version` prints it. */
export const VERSION: string = version;

export const USAGE = `Usage: yunstore-emulator [options]

Starts local COS, BOS, OOS and NOS endpoints sharing one store.

  --port <n>            first port: cos n, bos n+1, oos n+2, nos n+3 (default: random free ports)
  --host <addr>         interface to listen on (default 127.0.0.1)
  --bucket <d:name>     create this bucket at start, e.g. cos:examplebucket-1250000000 or nos:my-bucket
                        (dialect cos, bos, oos or nos, then the name; repeat for more)
  --data <dir>          keep objects in this folder (default: in memory)
  --discard             keep sizes and ETags only, drop bytes (benchmarks)
  --access-key <id>     accepted access key id (with --secret-key; default ${DEFAULT_ACCESS_KEY_ID})
  --secret-key <key>    its secret
  --min-part-size <sz>  smallest multipart part, e.g. 1024, 100KiB, 5MiB (default: each cloud's)
  --max-skew <s>        allowed clock skew in seconds (default 900)
  --fault-rate <p>      answer this share (0..1) of requests with an error
  --fault-count <n>     answer the next n requests with an error
  --fault-status <s>    500 (InternalError) or 503 (SlowDown, the default)
  --fault-op <op>       limit faults to an operation, e.g. upload_part (repeat or comma-separate)
  --latency-ms <ms>     add this delay to every matching request
  --bandwidth <sz>      cap bodies at this many bytes per second, e.g. 1MiB
  --reset-after <sz>    reset the connection after this many body bytes
  --reset-rate <p>      share (0..1) of matching requests that get the reset (default all)
  -v, --version         print the version and exit
  -h, --help            show this help
`;

/** Bad command-line input; the bin prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliIo {
  log(line: string): void;
}

/**
 * Parses `argv` (without node and script), starts the emulator and prints
 * its endpoints and credentials. Returns the running emulator, or undefined
 * for `--help` and `--version`. Signals and exit codes are the bin's business (cli.ts).
 */
export async function main(argv: readonly string[], io: CliIo = { log: (l) => console.log(l) }): Promise<Emulator | undefined> {
  const options = parseCli(argv);
  if (options === 'help') {
    io.log(USAGE);
    return undefined;
  }
  if (options === 'version') {
    io.log(VERSION);
    return undefined;
  }
  const emulator = await startEmulator(options);
  const key = options.credentials?.[0] ?? { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };
  const store = options.store;
  const storeText = store === 'discard' ? 'discard (bytes are dropped)' : typeof store === 'object' && 'dir' in store ? `folder ${store.dir}` : 'memory';
  io.log('yunstore emulator is running');
  for (const name of DIALECTS) io.log(`  ${name}  ${emulator.endpoints[name]}`);
  io.log(`  access key  ${key.accessKeyId}`);
  io.log(`  secret key  ${key.secretAccessKey}`);
  io.log(`  store       ${storeText}`);
  for (const spec of options.buckets ?? []) {
    const bucket = parseBucketSpec(spec);
    io.log(`  bucket      ${bucket.dialect}:${bucket.name}`);
  }
  const rules = emulator.faults.rules();
  if (rules.length > 0) io.log(`  faults      ${JSON.stringify(rules)}`);
  return emulator;
}

/** argv → startEmulator options (exported for tests). */
export function parseCli(argv: readonly string[]): EmulatorOptions | 'help' | 'version' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        discard: { type: 'boolean' },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        'min-part-size': { type: 'string' },
        'max-skew': { type: 'string' },
        'fault-rate': { type: 'string' },
        'fault-count': { type: 'string' },
        'fault-status': { type: 'string' },
        'fault-op': { type: 'string', multiple: true },
        'latency-ms': { type: 'string' },
        bandwidth: { type: 'string' },
        'reset-after': { type: 'string' },
        'reset-rate': { type: 'string' },
        bucket: { type: 'string', multiple: true },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  if (values.version) return 'version';

  const options: EmulatorOptions = {};
  if (values.port !== undefined) options.port = integer('--port', values.port, 0, 65532);
  if (values.host !== undefined) options.host = values.host;
  if (values.data !== undefined && values.discard) throw new UsageError('--data and --discard cannot be used together');
  if (values.data !== undefined) options.store = { dir: resolve(values.data) };
  if (values.discard) options.store = 'discard';
  const ak = values['access-key'];
  const sk = values['secret-key'];
  if ((ak === undefined) !== (sk === undefined)) throw new UsageError('--access-key and --secret-key go together');
  if (ak !== undefined && sk !== undefined) options.credentials = [{ accessKeyId: ak, secretAccessKey: sk }];
  if (values['min-part-size'] !== undefined) options.minPartSize = size('--min-part-size', values['min-part-size']);
  if (values['max-skew'] !== undefined) options.maxSkewSeconds = integer('--max-skew', values['max-skew'], 0);
  if (values.bucket !== undefined) {
    try {
      options.buckets = values.bucket;
      parseBuckets(options.buckets);
    } catch (err) {
      throw new UsageError(`--bucket: ${(err as Error).message.replace(/^buckets: /, '')}`);
    }
  }

  const rule: FaultRule = {};
  if (values['fault-rate'] !== undefined) rule.errorRate = probability('--fault-rate', values['fault-rate']);
  if (values['fault-count'] !== undefined) rule.errorCount = integer('--fault-count', values['fault-count'], 0);
  if (values['fault-status'] !== undefined) {
    const status = integer('--fault-status', values['fault-status'], 500, 503);
    if (status !== 500 && status !== 503) throw new UsageError(`--fault-status must be 500 or 503, got ${values['fault-status']}`);
    rule.errorStatus = status;
  }
  if (values['latency-ms'] !== undefined) rule.latencyMs = integer('--latency-ms', values['latency-ms'], 0);
  if (values.bandwidth !== undefined) rule.bytesPerSecond = size('--bandwidth', values.bandwidth, 1);
  if (values['reset-after'] !== undefined) rule.resetAfterBytes = size('--reset-after', values['reset-after']);
  if (values['reset-rate'] !== undefined) rule.resetRate = probability('--reset-rate', values['reset-rate']);
  if (Object.keys(rule).length > 0) {
    const ops = (values['fault-op'] ?? [])
      .flatMap((o) => o.split(','))
      .map((o) => o.trim())
      .filter(Boolean);
    if (ops.length > 0) rule.operations = ops;
    options.faults = rule;
  } else if (values['fault-op'] !== undefined) {
    throw new UsageError('--fault-op needs a fault: --fault-rate, --fault-count, --latency-ms, --bandwidth or --reset-after');
  }
  return options;
}

function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    throw new UsageError(`${flag} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got ${text}`);
  return n;
}

function probability(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n <= 1)) throw new UsageError(`${flag} must be a number from 0 to 1, got ${text}`);
  return n;
}

const units: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `1024`, `100KiB`, `5m`, `1.5MiB` → bytes (binary units). */
function size(flag: string, text: string, min = 0): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = units[(m?.[2] ?? '').toLowerCase()];
  if (!m || unit === undefined) throw new UsageError(`${flag} must be a size like 1024, 100KiB or 5MiB, got ${text}`);
  const n = Math.round(Number(m[1]) * unit);
  if (n < min) throw new UsageError(`${flag} must be at least ${min}, got ${text}`);
  return n;
}
