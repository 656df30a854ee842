import type { RequestLogger, TransportOptions } from '@yunstore/core';

type Dispatcher = NonNullable<TransportOptions['dispatcher']>;

/** Retry settings, as botocore's `Config(retries={...})`. */
export interface RetriesOptions {
  /** Retries after the first attempt (botocore legacy meaning). Default 4, i.e. 5 attempts in all. */
  max_attempts?: number;
  /** Attempts including the first; wins over `max_attempts` when both are given. */
  total_max_attempts?: number;
  /** Accepted for boto3 compatibility; every mode uses exponential back-off with jitter here. */
  mode?: 'legacy' | 'standard' | 'adaptive';
}

/** Options of `new Config({...})`; snake_case as in botocore. */
export interface ConfigOptions {
  /** `'s3'` (signature V2, the OOS default) or `'s3v4'` (signature V4, 6.0 pools). */
  signature_version?: 's3' | 's3v4';
  /** V4 scope region when it cannot be read from the endpoint host (`oos-<region>.ctyunapi.cn`). Example `'cn'`. */
  region_name?: string;
  /** Seconds to establish a connection. Default 60. */
  connect_timeout?: number;
  /** Seconds to wait for response headers and between body chunks. Default 60. */
  read_timeout?: number;
  /** Keep-alive connections per origin. Default 10 (botocore's default). */
  max_pool_connections?: number;
  /** Proxies by scheme, `{ http: 'http://proxy:8080', https: 'http://proxy:8080' }`. */
  proxies?: { http?: string; https?: string };
  /** `{ max_attempts: 4 }` (retries after the first attempt) or `{ total_max_attempts: 5 }`; retried: network failures, 5xx, throttling. */
  retries?: RetriesOptions;
  /** Appended to the User-Agent. */
  user_agent_extra?: string;
  /** `{ addressing_style: 'path' | 'virtual' | 'auto' }`. `auto` (default) uses virtual-hosted for DNS names and path style for IPs and localhost. */
  s3?: { addressing_style?: 'path' | 'virtual' | 'auto' };
  /** Use this undici dispatcher (tests: `MockAgent`). TypeScript-only. */
  dispatcher?: Dispatcher;
  /**
   * Called after every attempt with method, URL (no query, so no signature or token), status, request id,
   * attempt and duration; never a secret. `YUNSTORE_DEBUG=1` in the environment logs the same to stderr. TypeScript-only.
   */
  logger?: RequestLogger;
}

/** Every option `new Config({...})` takes; any other name is refused, as botocore refuses unknown keyword arguments. */
const CONFIG_OPTIONS: ReadonlySet<string> = new Set([
  'signature_version',
  'region_name',
  'connect_timeout',
  'read_timeout',
  'max_pool_connections',
  'proxies',
  'retries',
  'user_agent_extra',
  's3',
  'dispatcher',
  'logger',
]);
const RETRIES_OPTIONS: ReadonlySet<string> = new Set(['max_attempts', 'total_max_attempts', 'mode']);
const S3_OPTIONS: ReadonlySet<string> = new Set(['addressing_style']);
const PROXY_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);

/**
 * botocore options this client does not implement. Refused too (a silently
 * ignored `tcp_keepalive` or `parameter_validation` would mislead), but with
 * a message that says so rather than "unexpected".
 */
const UNSUPPORTED_BOTOCORE_OPTIONS: ReadonlySet<string> = new Set([
  'user_agent',
  'user_agent_appid',
  'parameter_validation',
  'proxies_config',
  'client_cert',
  'inject_host_prefix',
  'endpoint_discovery_enabled',
  'use_dualstack_endpoint',
  'use_fips_endpoint',
  'ignore_configured_endpoint_urls',
  'defaults_mode',
  'tcp_keepalive',
  'request_min_compression_size_bytes',
  'disable_request_compression',
  'request_checksum_calculation',
  'response_checksum_validation',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** botocore raises `TypeError: Got unexpected keyword argument '<name>'`; nested dicts are checked the same way here. */
function checkNames(given: Record<string, unknown>, allowed: ReadonlySet<string>, where: string): void {
  for (const name of Object.keys(given)) {
    if (allowed.has(name)) continue;
    if (where === 'Config' && UNSUPPORTED_BOTOCORE_OPTIONS.has(name)) {
      throw new TypeError(`Config option '${name}' is not supported by this client; supported options: ${[...allowed].join(', ')}`);
    }
    throw new TypeError(`Got unexpected keyword argument '${name}' in ${where}; valid names: ${[...allowed].join(', ')}`);
  }
}

/** Refuses misspelled or unknown option names (and non-object option groups) before anything else looks at them. */
function checkOptionNames(options: unknown): asserts options is ConfigOptions {
  if (!isPlainObject(options)) throw new TypeError('Config takes one options object, e.g. new Config({ signature_version: "s3" })');
  checkNames(options, CONFIG_OPTIONS, 'Config');
  const groups: Array<[string, ReadonlySet<string>]> = [
    ['retries', RETRIES_OPTIONS],
    ['s3', S3_OPTIONS],
    ['proxies', PROXY_SCHEMES],
  ];
  for (const [group, allowed] of groups) {
    const value = options[group];
    if (value === undefined) continue;
    if (!isPlainObject(value)) throw new TypeError(`Config ${group} must be an object, got ${String(value)}`);
    checkNames(value, allowed, `Config ${group}`);
  }
  const mode = options['retries'] === undefined ? undefined : (options['retries'] as Record<string, unknown>)['mode'];
  if (mode !== undefined && mode !== 'legacy' && mode !== 'standard' && mode !== 'adaptive') {
    throw new TypeError(`Config retries mode must be 'legacy', 'standard' or 'adaptive', got ${String(mode)}`);
  }
  const style = options['s3'] === undefined ? undefined : (options['s3'] as Record<string, unknown>)['addressing_style'];
  if (style !== undefined && style !== 'path' && style !== 'virtual' && style !== 'auto') {
    throw new TypeError(`Config s3 addressing_style must be 'path', 'virtual' or 'auto', got ${String(style)}`);
  }
}

/**
 * botocore's `Config`: immutable options with `merge()`. Unknown option
 * names throw `TypeError`, as botocore does for unknown keyword arguments
 * (`new Config({ signature_versoin: 's3v4' })` must not silently stay on V2).
 */
export class Config {
  readonly signature_version: 's3' | 's3v4';
  readonly region_name: string | undefined;
  readonly connect_timeout: number;
  readonly read_timeout: number;
  readonly max_pool_connections: number;
  readonly proxies: { http?: string; https?: string };
  readonly retries: RetriesOptions;
  readonly user_agent_extra: string | undefined;
  readonly s3: { addressing_style?: 'path' | 'virtual' | 'auto' };
  readonly dispatcher: Dispatcher | undefined;
  readonly logger: RequestLogger | undefined;
  readonly #given: ConfigOptions;

  constructor(options: ConfigOptions = {}) {
    checkOptionNames(options);
    const sig = options.signature_version ?? 's3';
    if (sig !== 's3' && sig !== 's3v4') throw new TypeError(`signature_version must be 's3' or 's3v4', got ${String(sig)}`);
    for (const name of ['connect_timeout', 'read_timeout', 'max_pool_connections'] as const) {
      const v = options[name];
      if (v !== undefined && (typeof v !== 'number' || !(v > 0))) throw new TypeError(`${name} must be a positive number, got ${String(v)}`);
    }
    this.#given = { ...options };
    this.signature_version = sig;
    this.region_name = options.region_name;
    this.connect_timeout = options.connect_timeout ?? 60;
    this.read_timeout = options.read_timeout ?? 60;
    this.max_pool_connections = options.max_pool_connections ?? 10;
    this.proxies = { ...options.proxies };
    this.retries = { ...options.retries };
    this.user_agent_extra = options.user_agent_extra;
    this.s3 = { ...options.s3 };
    this.dispatcher = options.dispatcher;
    this.logger = options.logger;
  }

  /** A new Config: this one's options overridden by `other`'s explicitly given ones. */
  merge(other: Config): Config {
    return new Config({ ...this.#given, ...other.#given });
  }

  /** Attempts in all, the first included. */
  get totalAttempts(): number {
    const { total_max_attempts, max_attempts } = this.retries;
    if (total_max_attempts !== undefined) return Math.max(1, Math.floor(total_max_attempts));
    return Math.max(1, Math.floor(max_attempts ?? 4) + 1);
  }
}
