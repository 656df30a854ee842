/**
 * boto3's paginators: `client.get_paginator('list_objects').paginate({...,
 * PaginationConfig })` gives the pages of a listing as an async iterable,
 * following botocore's paginator definitions for S3 (input and output
 * tokens, the page-size parameter, the keys that are aggregated) and its
 * `MaxItems` / `StartingToken` / `resume_token` rules. `search()` (JMESPath)
 * is not offered: filter the pages in the loop instead.
 */
import { OperationNotPageableError, PaginationError, ParamValidationError } from './errors.ts';
import type { ListBucketsOutput, ListObjectsOutput, ListObjectsRequest } from './operations/bucket.ts';
import * as bucket from './operations/bucket.ts';
import type { Abortable, Operation } from './operations/define.ts';
import type { ListMultipartUploadsOutput, ListMultipartUploadsRequest, ListPartsOutput, ListPartsRequest } from './operations/multipart.ts';
import * as multipart from './operations/multipart.ts';
import type { ClientContext } from './request.ts';
import { validateParams } from './validate.ts';

/** botocore's `PaginationConfig`. */
export interface PaginationConfig {
  /** Stop after this many items of the first result key (`Contents`, `Uploads`, `Parts`, `Buckets`) in all; `resume_token` then says where to go on. */
  MaxItems?: number;
  /** Items per request: sent as the operation's own limit (`MaxKeys`, `MaxUploads`, `MaxParts`). */
  PageSize?: number;
  /** A `resume_token` (or `NextToken` of `build_full_result()`) from an earlier pagination: start where it stopped. */
  StartingToken?: string;
}

/** `paginate()`'s parameters: the operation's own (an `AbortSignal` included) plus `PaginationConfig`. */
export type PaginateParams<Req> = Req & Abortable & { PaginationConfig?: PaginationConfig };

/** What `build_full_result()` resolves to: the aggregated lists, the keys that do not change between pages, and `NextToken` when `MaxItems` stopped early. */
export type FullResult<Out, Keys extends keyof Out> = Pick<Out, Keys> & { NextToken?: string };

/** The pages of one pagination. Iterate it with `for await`; each iteration starts again from the first page. */
export interface PageIterator<Out, Full> extends AsyncIterable<Out> {
  /** Every page merged: result lists concatenated, plus `NextToken` when `MaxItems` stopped early (botocore's `build_full_result`). */
  build_full_result(): Promise<Full>;
  /** camelCase alias of `build_full_result`. */
  buildFullResult(): Promise<Full>;
  /** After an iteration that `MaxItems` cut short: the `StartingToken` that continues it; otherwise undefined. */
  readonly resume_token: string | undefined;
  /** camelCase alias of `resume_token`. */
  readonly resumeToken: string | undefined;
  /** The keys whose lists are aggregated, first one counted by `MaxItems` (botocore's `result_keys`). */
  readonly result_keys: readonly string[];
}

/** botocore's `Paginator` for one operation. */
export interface Paginator<Req, Out, Full> {
  /** Starts a pagination; nothing is sent until the first page is asked for. Parameters are checked at once. */
  paginate(params: PaginateParams<Req>): PageIterator<Out, Full>;
}

/** The paginators of the S3 client, by operation name (botocore's names; the camelCase spelling is accepted too). */
export interface Paginators {
  list_objects: Paginator<ListObjectsRequest, ListObjectsOutput, FullResult<ListObjectsOutput, 'Contents' | 'CommonPrefixes'>>;
  list_multipart_uploads: Paginator<
    ListMultipartUploadsRequest,
    ListMultipartUploadsOutput,
    FullResult<ListMultipartUploadsOutput, 'Uploads' | 'CommonPrefixes'>
  >;
  list_parts: Paginator<
    ListPartsRequest,
    ListPartsOutput,
    FullResult<ListPartsOutput, 'Parts' | 'Bucket' | 'Key' | 'UploadId' | 'Initiator' | 'Owner' | 'StorageClass'>
  >;
  /** OOS answers every bucket at once: one page (the paginator exists because boto3 has one). */
  list_buckets: {
    /** Starts the pagination; `paginate()` with no parameters, as in boto3. */
    paginate(params?: PaginateParams<Abortable>): PageIterator<ListBucketsOutput, FullResult<ListBucketsOutput, 'Buckets' | 'Owner'>>;
  };
}

/** `get_paginator(name)`: botocore's snake_case names, or their camelCase spelling. */
export interface GetPaginatorMethod {
  (operation_name: 'list_objects' | 'listObjects'): Paginators['list_objects'];
  (operation_name: 'list_multipart_uploads' | 'listMultipartUploads'): Paginators['list_multipart_uploads'];
  (operation_name: 'list_parts' | 'listParts'): Paginators['list_parts'];
  (operation_name: 'list_buckets' | 'listBuckets'): Paginators['list_buckets'];
}

type Page = Record<string, unknown>;

/** One entry of botocore's paginators-1.json, as far as OOS has the operation. */
interface PaginatorModel {
  operation: Operation<never, unknown>;
  inputTokens: readonly string[];
  /** One reader per input token: the value the next request sends. */
  outputTokens: ReadonlyArray<(page: Page) => unknown>;
  /** `more_results`: when false, the page is the last one. */
  moreResults?: (page: Page) => boolean;
  limitKey?: string;
  resultKeys: readonly string[];
  nonAggregateKeys: readonly string[];
}

const field = (name: string) => (page: Page) => page[name];
const isTruncated = (page: Page): boolean => page['IsTruncated'] === true;

/** The key of the last `Contents` entry: S3 sends NextMarker only with a delimiter. */
function lastContentsKey(page: Page): unknown {
  const contents = page['Contents'];
  return Array.isArray(contents) ? (contents[contents.length - 1] as Page | undefined)?.['Key'] : undefined;
}

const MODELS: Readonly<Record<keyof Paginators, PaginatorModel>> = {
  list_objects: {
    operation: bucket.list_objects as Operation<never, unknown>,
    inputTokens: ['Marker'],
    // botocore: "NextMarker || Contents[-1].Key"
    outputTokens: [(page) => page['NextMarker'] || lastContentsKey(page)],
    moreResults: isTruncated,
    limitKey: 'MaxKeys',
    resultKeys: ['Contents', 'CommonPrefixes'],
    nonAggregateKeys: [],
  },
  list_multipart_uploads: {
    operation: multipart.list_multipart_uploads as Operation<never, unknown>,
    inputTokens: ['KeyMarker', 'UploadIdMarker'],
    outputTokens: [field('NextKeyMarker'), field('NextUploadIdMarker')],
    moreResults: isTruncated,
    limitKey: 'MaxUploads',
    resultKeys: ['Uploads', 'CommonPrefixes'],
    nonAggregateKeys: [],
  },
  list_parts: {
    operation: multipart.list_parts as Operation<never, unknown>,
    inputTokens: ['PartNumberMarker'],
    outputTokens: [field('NextPartNumberMarker')],
    moreResults: isTruncated,
    limitKey: 'MaxParts',
    resultKeys: ['Parts'],
    nonAggregateKeys: ['Bucket', 'Key', 'UploadId', 'Initiator', 'Owner', 'StorageClass'],
  },
  list_buckets: {
    operation: bucket.list_buckets as Operation<never, unknown>,
    inputTokens: [],
    outputTokens: [],
    resultKeys: ['Buckets'],
    nonAggregateKeys: ['Owner'],
  },
};

/** The operation names `get_paginator` knows. */
export const PAGINATED_OPERATIONS: readonly string[] = Object.keys(MODELS);

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** botocore's `client.can_paginate(name)`. */
export function canPaginate(name: unknown): boolean {
  return typeof name === 'string' && snakeCase(name) in MODELS;
}

/** A token: the input tokens (and how many items of the first page were already given out), as botocore encodes it (base64 JSON). */
type Token = Record<string, unknown>;
const TRUNCATE = 'boto_truncate_amount';

function encodeToken(token: Token): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64');
}

function decodeToken(text: string, model: PaginatorModel): { token: Token; skip: number } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw new PaginationError(`invalid StartingToken: ${text}`);
  const { [TRUNCATE]: skip = 0, ...token } = decoded as Token;
  const unknown = Object.keys(token).filter((k) => !model.inputTokens.includes(k));
  if (unknown.length > 0 || typeof skip !== 'number' || !Number.isSafeInteger(skip) || skip < 0) {
    throw new PaginationError(`StartingToken does not belong to this paginator: ${text}`);
  }
  return { token, skip };
}

function checkConfig(config: unknown, model: PaginatorModel): PaginationConfig {
  if (config === undefined || config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config))
    throw new ParamValidationError('Invalid type for parameter PaginationConfig, valid types: an object');
  const c = config as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of Object.keys(c)) {
    if (!['MaxItems', 'PageSize', 'StartingToken'].includes(name)) {
      problems.push(`Unknown parameter in PaginationConfig: "${name}", must be one of: MaxItems, PageSize, StartingToken`);
    }
  }
  for (const name of ['MaxItems', 'PageSize'] as const) {
    const v = c[name];
    if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v > 0)) {
      problems.push(`Invalid value for parameter PaginationConfig.${name}, value: ${String(v)}, valid values: a positive integer`);
    }
  }
  if (c['StartingToken'] !== undefined && typeof c['StartingToken'] !== 'string')
    problems.push('Invalid type for parameter PaginationConfig.StartingToken, valid types: a string');
  if (problems.length > 0) throw new ParamValidationError(problems.join('\n'));
  if (c['PageSize'] !== undefined && model.limitKey === undefined) {
    throw new PaginationError('PageSize parameter is not supported for the pagination interface for this operation.');
  }
  return c as PaginationConfig;
}

class OosPageIterator implements PageIterator<Page, Page> {
  readonly result_keys: readonly string[];
  #resumeToken: string | undefined;

  constructor(
    private readonly ctx: ClientContext,
    private readonly model: PaginatorModel,
    private readonly params: Page,
    private readonly config: PaginationConfig,
  ) {
    this.result_keys = model.resultKeys;
  }

  get resume_token(): string | undefined {
    return this.#resumeToken;
  }

  get resumeToken(): string | undefined {
    return this.#resumeToken;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Page> {
    const { model, config } = this;
    const primary = model.resultKeys[0] ?? '';
    const kwargs: Page = { ...this.params };
    if (config.PageSize !== undefined && model.limitKey !== undefined) kwargs[model.limitKey] = config.PageSize;
    let token: Token = Object.fromEntries(model.inputTokens.map((k) => [k, undefined]));
    let skip = 0;
    if (config.StartingToken !== undefined) {
      ({ token, skip } = decodeToken(config.StartingToken, model));
      Object.assign(kwargs, token);
    }
    this.#resumeToken = undefined;
    let total = 0;
    let previous: string | undefined;
    for (let first = true; ; first = false) {
      const page = (await model.operation(this.ctx, kwargs as never)) as Page;
      // A StartingToken with a truncate amount: the first page resumes inside its first result list.
      if (first && skip > 0) skipResumed(page, model, primary, skip);
      const items = listLength(page[primary]);
      const max = config.MaxItems;
      if (max !== undefined && total + items > max) {
        const keep = max - total;
        page[primary] = (page[primary] as unknown[]).slice(0, keep);
        this.#resumeToken = encodeToken({ ...definedOnly(token), [TRUNCATE]: keep + (first ? skip : 0) });
        yield page;
        return;
      }
      yield page;
      total += items;
      const next = nextToken(page, model);
      if (next === undefined) return;
      if (max !== undefined && total === max) {
        this.#resumeToken = encodeToken(definedOnly(next));
        return;
      }
      const seen = JSON.stringify(next);
      if (seen === previous) throw new PaginationError(`The same next token was received twice: ${seen}`);
      previous = seen;
      token = next;
      Object.assign(kwargs, next);
    }
  }

  async build_full_result(): Promise<Page> {
    const full: Page = {};
    let nonAggregate: Page | undefined;
    for await (const page of this) {
      nonAggregate ??= Object.fromEntries(this.model.nonAggregateKeys.filter((k) => page[k] !== undefined).map((k) => [k, page[k]]));
      for (const key of this.model.resultKeys) {
        const value = page[key];
        if (value === undefined) continue;
        const existing = full[key];
        if (Array.isArray(existing) && Array.isArray(value)) existing.push(...(value as unknown[]));
        else if (existing === undefined) full[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
      }
    }
    Object.assign(full, nonAggregate);
    if (this.#resumeToken !== undefined) full['NextToken'] = this.#resumeToken;
    return full;
  }

  buildFullResult(): Promise<Page> {
    return this.build_full_result();
  }
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function definedOnly(token: Token): Token {
  return Object.fromEntries(Object.entries(token).filter(([, v]) => v !== undefined && v !== null));
}

/** botocore's `_get_next_token`: undefined when there is no next page. */
function nextToken(page: Page, model: PaginatorModel): Token | undefined {
  if (model.moreResults && !model.moreResults(page)) return undefined;
  const next: Token = {};
  model.inputTokens.forEach((name, i) => {
    const value = model.outputTokens[i]?.(page);
    // Empty strings are no token, as in botocore.
    next[name] = value === '' || value === null ? undefined : value;
  });
  return Object.values(next).every((v) => v === undefined) ? undefined : next;
}

/** Drops the items a previous (truncated) pagination already gave out, and the secondary lists it already gave whole. */
function skipResumed(page: Page, model: PaginatorModel, primary: string, skip: number): void {
  const data = page[primary];
  if (Array.isArray(data)) page[primary] = data.slice(skip);
  for (const key of model.resultKeys) if (key !== primary && Array.isArray(page[key])) page[key] = [];
}

/** `client.get_paginator(name)`; an operation without a paginator throws OperationNotPageableError, as botocore does. */
export function getPaginator(ctx: ClientContext, name: unknown): Paginator<Page, Page, Page> {
  const key = typeof name === 'string' ? snakeCase(name) : '';
  const model = (MODELS as Record<string, PaginatorModel | undefined>)[key];
  if (model === undefined) throw new OperationNotPageableError(String(name), PAGINATED_OPERATIONS);
  return {
    paginate(params?: unknown): PageIterator<Page, Page> {
      const given = (params ?? {}) as Page;
      if (typeof given !== 'object' || given === null || Array.isArray(given)) {
        throw new ParamValidationError('Parameters must be given as one object, e.g. { Bucket: "examplebucket", PaginationConfig: { PageSize: 100 } }');
      }
      const { PaginationConfig: rawConfig, ...rest } = given;
      const config = checkConfig(rawConfig, model);
      validateParams(rest, model.operation.spec);
      return new OosPageIterator(ctx, model, rest, config);
    },
  };
}
