import type { TransportOptions } from '@yunstore/core';

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
  retries?: RetriesOptions;
  /** Appended to the User-Agent. */
  user_agent_extra?: string;
  /** `{ addressing_style: 'path' | 'virtual' | 'auto' }`. `auto` (default) uses virtual-hosted for DNS names and path style for IPs and localhost. */
  s3?: { addressing_style?: 'path' | 'virtual' | 'auto' };
  /** Use this undici dispatcher (tests: `MockAgent`). TypeScript-only. */
  dispatcher?: Dispatcher;
}

/** botocore's `Config`: immutable options with `merge()`. */
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
  readonly #given: ConfigOptions;

  constructor(options: ConfigOptions = {}) {
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
