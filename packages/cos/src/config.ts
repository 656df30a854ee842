import type { Credentials, RequestLogger, RetryPolicy, TransportOptions } from '@yunstore/core';
import { defineSecret, encodeKeyPath } from '@yunstore/core';
import pkg from '../package.json' with { type: 'json' };
import { CredentialSource, checkCredentialInstance, type CosCredentialInstance } from './credentials.ts';
import { CosClientError } from './errors.ts';

/** Options of `new CosConfig({...})`, the COS Python SDK v5 names. */
export interface CosConfigOptions {
  /** Region of your buckets, e.g. `'ap-guangzhou'`. Old short aliases (`cosgz`, `cossh`...) are mapped. */
  Region?: string;
  /** API key id, e.g. `'AKIDxxxxxxxx'` (or a temporary `TmpSecretId`). */
  SecretId?: string;
  /** API key secret. */
  SecretKey?: string;
  /** STS session token for temporary keys; sent as `x-cos-security-token`. */
  Token?: string | null;
  /**
   * Keys that change (Python `CredentialInstance`): an object whose
   * `secret_id`, `secret_key` and `token` are read for every signature, or a
   * function returning (a Promise of) `{SecretId, SecretKey, Token, ExpiredTime}`
   * (STS's `TmpSecretId`/`TmpSecretKey` spellings work too), called on the
   * first request and again 5 minutes before `ExpiredTime`. Used when
   * `SecretId`/`SecretKey` are not given.
   */
  CredentialInstance?: CosCredentialInstance;
  /**
   * Send requests unsigned (Python `Anonymous=True`), e.g. to read a
   * public-read bucket without keys. Presigned URLs and `get_auth` need keys
   * and fail with CosClientError.
   */
  Anonymous?: boolean;
  /** `'https'` (default) or `'http'`. */
  Scheme?: 'https' | 'http';
  /**
   * Replaces `cos.<Region>.myqcloud.com`: the host becomes `<Bucket>.<Endpoint>`,
   * e.g. `'cos.accelerate.myqcloud.com'`. An IP address or `localhost`
   * (`'127.0.0.1:8080'`) switches to path-style (`/<Bucket>/<Key>`), which is
   * how you point the client at the yunstore emulator.
   */
  Endpoint?: string;
  /** A custom domain bound to one bucket: the host is exactly this, e.g. `'static.example.com'`. */
  Domain?: string;
  /**
   * Connect to this IP (and `Port`) while keeping the bucket host in the
   * `Host` header (Python `IP=`; Node `Ip`). Also reaches the emulator.
   */
  IP?: string;
  /** Port for `IP` (default: 80/443 by scheme). */
  Port?: number;
  /** Force `/<Bucket>/<Key>` paths on the endpoint host (retired by COS, handy for local servers). */
  ForcePathStyle?: boolean;
  /** Use `tencentcos.cn` instead of `myqcloud.com` when false (Python `EnableOldDomain`). Default true. */
  EnableOldDomain?: boolean;
  /** Internal-network domain `cos-internal.<Region>.tencentcos.cn` (Python `EnableInternalDomain`). Default false. */
  EnableInternalDomain?: boolean;
  /** Request timeout in seconds (headers and each body gap). Default 60. */
  Timeout?: number;
  /** Retries after a failed attempt (network errors, 5xx, throttling). Default 2 (3 attempts). */
  Retry?: number;
  /** A full retry policy from `@yunstore/core` instead of `Retry`. */
  RetryPolicy?: RetryPolicy;
  /** Keep-alive connections per host (Python `PoolMaxSize`). Default 16. */
  PoolMaxSize?: number;
  /** Alias of `PoolMaxSize` (Python `PoolConnections`). */
  PoolConnections?: number;
  /** HTTP proxy URL, e.g. `'http://proxy.example.com:8080'`. */
  Proxy?: string;
  /** Python-style `{'http': url, 'https': url}`; the entry for `Scheme` is used. */
  Proxies?: { http?: string; https?: string };
  /** An undici Dispatcher to send through (tests: MockAgent). */
  Dispatcher?: TransportOptions['dispatcher'];
  /** User-Agent. Default `yunstore-cos/<version> node/<version> <platform>-<arch>`. */
  UA?: string;
  /**
   * Called after every attempt with method, URL (no query: no signature or
   * token), status, request id, attempt and duration. `YUNSTORE_DEBUG=1`
   * logs the same lines to stderr.
   */
  logger?: RequestLogger;
  /** Verify `x-cos-hash-crc64ecma` on whole-object downloads. Default true. */
  EnableCRC?: boolean;
  /** Pre-2018 name: APPID appended to bucket names that lack it (seed 002). */
  Appid?: string | number;
  /** Pre-2018 name of `SecretId` (seed 002). */
  Access_id?: string;
  /** Pre-2018 name of `SecretKey` (seed 002). */
  Access_key?: string;
  /** Seconds a signature stays valid (Python signs for 10000 s; default 900). */
  SignExpires?: number;
}

/** `yunstore-cos/<version> node/<version> <platform>-<arch>`, the version read from package.json at build time. */
const USER_AGENT = `yunstore-cos/${pkg.version} node/${process.versions.node} ${process.platform}-${process.arch}`;

/** Python's short region aliases. */
const REGION_ALIASES: Readonly<Record<string, string>> = {
  cossh: 'ap-shanghai',
  cosgz: 'ap-guangzhou',
  cosbj: 'ap-beijing',
  costj: 'ap-beijing-1',
  coscd: 'ap-chengdu',
  cossgp: 'ap-singapore',
  coshk: 'ap-hongkong',
  cosca: 'na-toronto',
  cosger: 'eu-frankfurt',
};

/** Regions whose hosts have no `cos.` label (both SDKs). */
const LEGACY_REGIONS = new Set(['cn-south', 'cn-south-2', 'cn-north', 'cn-east', 'cn-southwest', 'sg']);

const IP_OR_LOCAL = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]|localhost)(?::\d+)?$/i;

/** Where one request goes. */
export interface CosTarget {
  /** `https://host[:port]` actually connected to. */
  origin: string;
  /** Encoded path: `/<key>` or `/<bucket>/<key>`. */
  path: string;
  /** The Host header to send when it differs from the origin's host (IP mode). */
  host?: string;
}

/**
 * `CosConfig`: credentials, region and how to reach COS. Immutable; the
 * client reads it. Both the current names (`SecretId`, `SecretKey`) and the
 * seed-002 names (`Access_id`, `Access_key`, `Appid`) are accepted.
 */
export class CosConfig {
  readonly Region: string | undefined;
  readonly SecretId: string;
  /** The key secret; readable, but hidden from `console.log`, `JSON.stringify` and `Object.entries`. */
  declare readonly SecretKey: string;
  /** The STS token; hidden like `SecretKey`. */
  declare readonly Token: string | undefined;
  /** True when requests go unsigned (`Anonymous: true`). */
  readonly Anonymous: boolean;
  /** The credential provider, when keys come from one (hidden like `SecretKey`: it holds keys). */
  declare readonly CredentialInstance: CosCredentialInstance | undefined;
  readonly #source: CredentialSource | undefined;
  readonly Scheme: 'https' | 'http';
  readonly Endpoint: string | undefined;
  readonly Domain: string | undefined;
  readonly IP: string | undefined;
  readonly Port: number | undefined;
  readonly ForcePathStyle: boolean;
  readonly EnableOldDomain: boolean;
  readonly EnableInternalDomain: boolean;
  readonly Timeout: number;
  readonly Retry: number;
  readonly RetryPolicy: RetryPolicy | undefined;
  readonly PoolMaxSize: number;
  readonly Proxy: string | undefined;
  readonly Dispatcher: TransportOptions['dispatcher'] | undefined;
  readonly UA: string;
  /** The request logger, when given. */
  readonly logger: RequestLogger | undefined;
  readonly EnableCRC: boolean;
  readonly Appid: string | undefined;
  readonly SignExpires: number;

  constructor(options: CosConfigOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new CosClientError('CosConfig needs an options object: new CosConfig({ Region, SecretId, SecretKey })', {
        code: 'InvalidArgument',
      });
    }
    const region = options.Region ? (REGION_ALIASES[options.Region] ?? checkRegion(options.Region)) : undefined;
    this.Region = region;
    this.SecretId = options.SecretId ?? options.Access_id ?? '';
    defineSecret(this, 'SecretKey', options.SecretKey ?? options.Access_key ?? '');
    defineSecret(this, 'Token', options.Token ?? undefined);
    this.Anonymous = options.Anonymous === true;
    defineSecret(this, 'CredentialInstance', checkCredentialInstance(options.CredentialInstance));
    // Fixed keys win over a provider, as in the Python SDK.
    this.#source = this.CredentialInstance && !(this.SecretId && this.SecretKey) ? new CredentialSource(this.CredentialInstance) : undefined;
    const scheme = options.Scheme ?? 'https';
    if (scheme !== 'https' && scheme !== 'http') {
      throw new CosClientError(`Scheme must be 'https' or 'http' (got '${String(scheme)}')`, { code: 'InvalidArgument' });
    }
    this.Scheme = scheme;
    this.Endpoint = options.Endpoint ? stripScheme(options.Endpoint) : undefined;
    this.Domain = options.Domain ? stripScheme(options.Domain) : undefined;
    this.IP = options.IP;
    this.Port = options.Port;
    this.ForcePathStyle = options.ForcePathStyle ?? (this.Endpoint !== undefined && IP_OR_LOCAL.test(this.Endpoint));
    this.EnableOldDomain = options.EnableOldDomain ?? true;
    this.EnableInternalDomain = options.EnableInternalDomain ?? false;
    this.Timeout = positive(options.Timeout ?? 60, 'Timeout');
    this.Retry = options.Retry ?? 2;
    if (!Number.isInteger(this.Retry) || this.Retry < 0) {
      throw new CosClientError(`Retry must be a non-negative integer (got ${String(options.Retry)})`, { code: 'InvalidArgument' });
    }
    this.RetryPolicy = options.RetryPolicy;
    this.PoolMaxSize = positive(options.PoolMaxSize ?? options.PoolConnections ?? 16, 'PoolMaxSize');
    this.Proxy = options.Proxy ?? options.Proxies?.[scheme];
    this.Dispatcher = options.Dispatcher;
    this.UA = options.UA ?? USER_AGENT;
    this.logger = options.logger;
    this.EnableCRC = options.EnableCRC ?? true;
    this.Appid = options.Appid === undefined ? undefined : String(options.Appid);
    this.SignExpires = positive(options.SignExpires ?? 900, 'SignExpires');
    if (!region && !this.Endpoint && !this.Domain) {
      throw new CosClientError('CosConfig needs Region (e.g. ap-guangzhou), Endpoint or Domain', { code: 'InvalidArgument' });
    }
  }

  /**
   * Loads keys from `CredentialInstance` when none are cached or they expire
   * within 5 minutes. Every request does this first; call it yourself
   * before presigning with an asynchronous provider.
   */
  async loadCredentials(): Promise<void> {
    await this.#source?.ready();
  }

  /** Current credentials for signing (from `CredentialInstance` when set). */
  credentials(): Credentials {
    if (this.#source) return this.#source.current();
    if (!this.SecretId || !this.SecretKey) {
      const why = this.Anonymous ? 'this CosConfig is Anonymous: there are no keys to sign with' : 'SecretId and SecretKey are required to sign requests';
      throw new CosClientError(why, { code: 'InvalidArgument' });
    }
    const c: Credentials = { accessKeyId: this.SecretId, secretAccessKey: this.SecretKey };
    if (this.Token) c.sessionToken = this.Token;
    return c;
  }

  /** Seed 002: with `Appid` set, `test01` means `test01-<Appid>`. */
  formatBucket(bucket: string): string {
    if (this.Appid && !bucket.endsWith(`-${this.Appid}`)) return `${bucket}-${this.Appid}`;
    return bucket;
  }

  /** The endpoint host without the bucket: `cos.ap-guangzhou.myqcloud.com`. */
  endpointHost(region = this.Region): string {
    if (this.Endpoint) return this.Endpoint;
    return this.regionHost(region);
  }

  /** The standard COS host of a region, ignoring `Endpoint` (copy sources name buckets this way). */
  regionHost(region = this.Region): string {
    if (!region) throw new CosClientError('Region is required', { code: 'InvalidArgument' });
    if (region.includes('cos.')) return `${region}.myqcloud.com`.replace(/\.myqcloud\.com\.myqcloud\.com$/, '.myqcloud.com');
    if (this.EnableInternalDomain) return `cos-internal.${region}.tencentcos.cn`;
    if (LEGACY_REGIONS.has(region)) return `${region}.myqcloud.com`;
    return `cos.${region}.${this.EnableOldDomain ? 'myqcloud.com' : 'tencentcos.cn'}`;
  }

  /** The virtual host of a bucket (what `Host` says and what the signature pins). */
  bucketHost(bucket: string, region?: string): string {
    if (this.Domain) return this.Domain;
    if (this.ForcePathStyle) return this.endpointHost(region);
    return `${bucket}.${this.endpointHost(region)}`;
  }

  /** Origin, path and Host for a bucket (and key). `bucket` undefined means the service root (list_buckets). */
  target(bucket: string | undefined, key?: string): CosTarget {
    const encodedKey = key === undefined ? '' : encodeKeyPath(key.replace(/^\/+/, ''));
    let host: string;
    let path: string;
    if (bucket === undefined) {
      // GET Service goes to the global service host unless an Endpoint is set.
      host = this.Endpoint ?? `service.cos.${this.EnableOldDomain ? 'myqcloud.com' : 'tencentcos.cn'}`;
      path = '/';
    } else if (this.ForcePathStyle && !this.Domain) {
      host = this.endpointHost();
      path = `/${bucket}/${encodedKey}`;
    } else {
      host = this.bucketHost(bucket);
      path = `/${encodedKey}`;
    }
    if (this.IP) {
      const port = this.Port ? `:${this.Port}` : '';
      return { origin: `${this.Scheme}://${this.IP}${port}`, path, host };
    }
    return { origin: `${this.Scheme}://${host}`, path };
  }
}

/**
 * The Python SDK's `format_region` check: letters, digits, `.` and `-`,
 * starting and ending with a letter or digit (`'ap guangzhou'` is refused).
 */
function checkRegion(region: unknown): string {
  if (typeof region !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]$/.test(region)) {
    throw new CosClientError(`Region format is illegal, only digit, letter and - is allowed (got ${JSON.stringify(region)})`, {
      code: 'InvalidArgument',
    });
  }
  return region;
}

function stripScheme(value: string): string {
  return value.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

function positive(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new CosClientError(`${name} must be a positive number (got ${String(value)})`, { code: 'InvalidArgument' });
  }
  return value;
}
