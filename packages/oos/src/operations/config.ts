/**
 * Bucket configuration: policy (JSON text), website, logging, trigger (OOS
 * extension) and lifecycle (the legacy rule shape the seed uses: Prefix on
 * the rule, Expiration Days or Date).
 */
import { buildXml, md5Base64, toBody } from '@yunstore/core';
import type { ClientContext } from '../request.ts';
import { spec } from '../validate.ts';
import type { BucketRequest } from './bucket.ts';
import { define, type Abortable } from './define.ts';
import { BOOLEAN, checkShape, STRING, type Shape } from './nested.ts';
import { bool, date, defined, int, list, metadataOnly, node, responseMetadata, str, xmlResult, type OosResponse } from './shape.ts';

async function putXml(ctx: ClientContext, operation: string, bucket: string, sub: string, xml: string, signal: AbortSignal | undefined): Promise<OosResponse> {
  const res = await ctx.http.send({
    op: operation,
    method: 'PUT',
    bucket,
    query: [[sub, '']],
    signal,
    headers: { 'Content-Type': 'application/xml', 'Content-MD5': md5Base64(xml) },
    body: await toBody(xml),
  });
  return metadataOnly(res);
}

function deleteCall(operation: string, sub: string) {
  return define<BucketRequest, OosResponse>(spec(['Bucket'], { Bucket: 'string' }), async (ctx, p) => {
    const res = await ctx.http.send({ op: operation, method: 'DELETE', bucket: p.Bucket, query: [[sub, '']], signal: p.AbortSignal });
    return metadataOnly(res);
  });
}

const BUCKET_ONLY = spec(['Bucket'], { Bucket: 'string' });

// ---- policy ----

export interface PutBucketPolicyRequest extends BucketRequest {
  /** The policy as JSON text (`JSON.stringify(policy)`), as the seed passes it. */
  Policy: string;
}

export interface GetBucketPolicyOutput extends OosResponse {
  /** The policy as JSON text. */
  Policy: string;
}

export const put_bucket_policy = define<PutBucketPolicyRequest, OosResponse>(
  spec(['Bucket', 'Policy'], { Bucket: 'string', Policy: 'string' }),
  async (ctx, p) => {
    const res = await ctx.http.send({
      op: 'PutBucketPolicy',
      method: 'PUT',
      bucket: p.Bucket,
      query: [['policy', '']],
      signal: p.AbortSignal,
      headers: { 'Content-MD5': md5Base64(p.Policy) },
      body: await toBody(p.Policy),
    });
    return metadataOnly(res);
  },
);

export const get_bucket_policy = define<BucketRequest, GetBucketPolicyOutput>(BUCKET_ONLY, async (ctx, p) => {
  const res = await ctx.http.read({ op: 'GetBucketPolicy', method: 'GET', bucket: p.Bucket, query: [['policy', '']], signal: p.AbortSignal });
  return { Policy: res.body.toString('utf8'), ResponseMetadata: responseMetadata(res) };
});

export const delete_bucket_policy = deleteCall('DeleteBucketPolicy', 'policy');

// ---- website ----

export interface WebsiteConfiguration {
  IndexDocument: { Suffix: string };
  ErrorDocument?: { Key: string };
}

/** Seed 2.2.8: IndexDocument.Suffix is required, ErrorDocument (with its Key) optional; OOS has no redirect rules. */
const WEBSITE: Shape = {
  kind: 'struct',
  required: ['IndexDocument'],
  members: {
    IndexDocument: { kind: 'struct', required: ['Suffix'], members: { Suffix: STRING } },
    ErrorDocument: { kind: 'struct', required: ['Key'], members: { Key: STRING } },
  },
};

export interface PutBucketWebsiteRequest extends BucketRequest {
  WebsiteConfiguration: WebsiteConfiguration;
}

export interface GetBucketWebsiteOutput extends OosResponse, Partial<WebsiteConfiguration> {}

export const put_bucket_website = define<PutBucketWebsiteRequest, OosResponse>(
  spec(['Bucket', 'WebsiteConfiguration'], { Bucket: 'string', WebsiteConfiguration: 'object' }),
  async (ctx, p) => {
    checkShape(p.WebsiteConfiguration, WEBSITE, 'WebsiteConfiguration');
    const w = p.WebsiteConfiguration;
    const xml = buildXml('WebsiteConfiguration', { IndexDocument: w.IndexDocument, ErrorDocument: w.ErrorDocument });
    return putXml(ctx, 'PutBucketWebsite', p.Bucket, 'website', xml, p.AbortSignal);
  },
);

export const get_bucket_website = define<BucketRequest, GetBucketWebsiteOutput>(BUCKET_ONLY, async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'GetBucketWebsite', method: 'GET', bucket: p.Bucket, query: [['website', '']], signal: p.AbortSignal },
    xmlResult('WebsiteConfiguration'),
  );
  const suffix = str(node(body['IndexDocument'])['Suffix']);
  const key = str(node(body['ErrorDocument'])['Key']);
  return defined({
    IndexDocument: suffix === undefined ? undefined : { Suffix: suffix },
    ErrorDocument: key === undefined ? undefined : { Key: key },
    ResponseMetadata: responseMetadata(res),
  });
});

export const delete_bucket_website = deleteCall('DeleteBucketWebsite', 'website');

// ---- logging ----

export interface LoggingEnabled {
  TargetBucket?: string;
  TargetPrefix?: string;
  TriggerTargetBucket?: string;
  TriggerTargetPrefix?: string;
  TriggerSourceBucket?: string;
  TriggerSourcePrefix?: string;
}

const LOGGING_FIELDS = ['TargetBucket', 'TargetPrefix', 'TriggerTargetBucket', 'TriggerTargetPrefix', 'TriggerSourceBucket', 'TriggerSourcePrefix'] as const;

/** Seed 2.2.12 marks every LoggingEnabled field optional; the server decides what it needs. */
const LOGGING_STATUS: Shape = {
  kind: 'struct',
  members: { LoggingEnabled: { kind: 'struct', members: Object.fromEntries(LOGGING_FIELDS.map((f) => [f, STRING])) } },
};

export interface PutBucketLoggingRequest extends BucketRequest {
  /** `{ LoggingEnabled: {...} }` to turn logging on, `{}` to turn it off. */
  BucketLoggingStatus: { LoggingEnabled?: LoggingEnabled };
}

export interface GetBucketLoggingOutput extends OosResponse {
  /** Absent when logging is off. */
  LoggingEnabled?: LoggingEnabled;
}

export const put_bucket_logging = define<PutBucketLoggingRequest, OosResponse>(
  spec(['Bucket', 'BucketLoggingStatus'], { Bucket: 'string', BucketLoggingStatus: 'object' }),
  async (ctx, p) => {
    checkShape(p.BucketLoggingStatus, LOGGING_STATUS, 'BucketLoggingStatus');
    const enabled = p.BucketLoggingStatus.LoggingEnabled;
    // An empty <BucketLoggingStatus/> turns logging off.
    const xml = buildXml('BucketLoggingStatus', enabled ? { LoggingEnabled: Object.fromEntries(LOGGING_FIELDS.map((f) => [f, enabled[f]])) } : {});
    return putXml(ctx, 'PutBucketLogging', p.Bucket, 'logging', xml, p.AbortSignal);
  },
);

export const get_bucket_logging = define<BucketRequest, GetBucketLoggingOutput>(BUCKET_ONLY, async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'GetBucketLogging', method: 'GET', bucket: p.Bucket, query: [['logging', '']], signal: p.AbortSignal },
    xmlResult('BucketLoggingStatus'),
  );
  const raw = body['LoggingEnabled'];
  const enabled =
    raw === undefined
      ? undefined
      : (Object.fromEntries(LOGGING_FIELDS.map((f) => [f, str(node(raw)[f])]).filter(([, v]) => v !== undefined)) as LoggingEnabled);
  return defined({ LoggingEnabled: enabled, ResponseMetadata: responseMetadata(res) });
});

// ---- trigger (OOS only) ----

export interface RemoteSite {
  /** Spelled `RemontEndPoint` by OOS; kept as is. */
  RemontEndPoint: string;
  ReplicaMode?: string;
  RemoteBucketName: string;
  RemoteAK: string;
  RemoteSK: string;
}

/** A remote site as given to put_bucket_trigger: the vendor's `RemontEndPoint` or the correct spelling `RemoteEndPoint` (sent as `RemontEndPoint`). */
export type RemoteSiteInput = Omit<RemoteSite, 'RemontEndPoint'> & ({ RemontEndPoint: string } | { RemoteEndPoint: string });

export interface Trigger {
  /** Letters and digits, at most 20 (the seed's own sample uses `测试 Trigger`). */
  TriggerName: string;
  IsDefault: boolean;
  /** One site or several (the seed passes one dict). */
  RemoteSite?: RemoteSiteInput | RemoteSiteInput[];
}

/** Seed 2.2.15: TriggerName and IsDefault required; in a RemoteSite everything but ReplicaMode. */
const REMOTE_SITE: Shape = {
  kind: 'struct',
  required: ['RemoteBucketName', 'RemoteAK', 'RemoteSK'],
  oneOf: ['RemontEndPoint', 'RemoteEndPoint'],
  members: { RemontEndPoint: STRING, RemoteEndPoint: STRING, ReplicaMode: STRING, RemoteBucketName: STRING, RemoteAK: STRING, RemoteSK: STRING },
};
const TRIGGER_CONFIGURATION: Shape = {
  kind: 'struct',
  required: ['Triggers'],
  members: {
    Triggers: {
      kind: 'list',
      min: 1,
      member: {
        kind: 'struct',
        required: ['TriggerName', 'IsDefault'],
        members: { TriggerName: STRING, IsDefault: BOOLEAN, RemoteSite: { kind: 'oneOrList', member: REMOTE_SITE } },
      },
    },
  },
};

function remoteEndPoint(site: RemoteSiteInput): string {
  return 'RemontEndPoint' in site ? site.RemontEndPoint : site.RemoteEndPoint;
}

export interface TriggerOutput {
  TriggerName?: string;
  IsDefault?: boolean;
  /**
   * The remote site, one object as the seed shows it (2.2.16). When a
   * trigger has several, this is the first, as botocore reads a repeated
   * element into a structure; all of them are in `RemoteSites`. Absent
   * when the trigger replicates nowhere.
   */
  RemoteSite?: RemoteSite;
  /** Every remote site of the trigger, in server order (a yunstore addition; absent when none). */
  RemoteSites?: RemoteSite[];
}

export interface GetBucketTriggerOutput extends OosResponse {
  /** botocore's plural list of the `<Trigger>` elements. */
  Triggers: TriggerOutput[];
}

export interface PutBucketTriggerRequest extends BucketRequest {
  /** `{ Triggers: [{ TriggerName, IsDefault, RemoteSite }] }`; replaces the bucket's triggers. */
  TriggerConfiguration: { Triggers: Trigger[] };
}

export interface DeleteBucketTriggerRequest extends BucketRequest {
  TriggerName: string;
}

export const put_bucket_trigger = define<PutBucketTriggerRequest, OosResponse>(
  spec(['Bucket', 'TriggerConfiguration'], { Bucket: 'string', TriggerConfiguration: 'object' }),
  async (ctx, p) => {
    checkShape(p.TriggerConfiguration, TRIGGER_CONFIGURATION, 'TriggerConfiguration');
    const triggers = p.TriggerConfiguration.Triggers;
    const xml = buildXml('TriggerConfiguration', {
      Trigger: triggers.map((t) => ({
        TriggerName: t.TriggerName,
        IsDefault: String(t.IsDefault),
        RemoteSite:
          t.RemoteSite === undefined
            ? undefined
            : (Array.isArray(t.RemoteSite) ? t.RemoteSite : [t.RemoteSite]).map((s) => ({
                RemontEndPoint: remoteEndPoint(s),
                ReplicaMode: s.ReplicaMode ?? '',
                RemoteBucketName: s.RemoteBucketName,
                RemoteAK: s.RemoteAK,
                RemoteSK: s.RemoteSK,
              })),
      })),
    });
    return putXml(ctx, 'PutBucketTrigger', p.Bucket, 'trigger', xml, p.AbortSignal);
  },
);

export const get_bucket_trigger = define<BucketRequest, GetBucketTriggerOutput>(BUCKET_ONLY, async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'GetBucketTrigger', method: 'GET', bucket: p.Bucket, query: [['trigger', '']], signal: p.AbortSignal },
    xmlResult('TriggerConfiguration', ['Trigger', 'Trigger.RemoteSite']),
  );
  const triggers = list(body['Trigger']).map((t) => {
    const sites = list(t['RemoteSite']).map(
      (s): RemoteSite => ({
        RemontEndPoint: str(s['RemontEndPoint']) ?? '',
        ...defined({ ReplicaMode: str(s['ReplicaMode']) }),
        RemoteBucketName: str(s['RemoteBucketName']) ?? '',
        RemoteAK: str(s['RemoteAK']) ?? '',
        RemoteSK: str(s['RemoteSK']) ?? '',
      }),
    );
    return defined({
      TriggerName: str(t['TriggerName']),
      IsDefault: bool(t['IsDefault']),
      RemoteSite: sites[0],
      RemoteSites: sites.length > 0 ? sites : undefined,
    });
  });
  return { Triggers: triggers, ResponseMetadata: responseMetadata(res) };
});

export const delete_bucket_trigger = define<DeleteBucketTriggerRequest, OosResponse>(
  spec(['Bucket', 'TriggerName'], { Bucket: 'string', TriggerName: 'string' }),
  async (ctx, p) => {
    const res = await ctx.http.send({
      op: 'DeleteBucketTrigger',
      method: 'DELETE',
      bucket: p.Bucket,
      query: [
        ['trigger', ''],
        ['triggerName', p.TriggerName],
      ],
      signal: p.AbortSignal,
    });
    return metadataOnly(res);
  },
);

// ---- lifecycle ----

export interface LifecycleRule {
  ID?: string;
  Prefix: string;
  Status: 'Enabled' | 'Disabled';
  /** `Days` (positive integer) or `Date` (midnight UTC; a Date or `2002-10-11T00:00:00.000Z`). */
  Expiration: { Days?: number; Date?: Date | string };
}

export interface LifecycleRuleOutput {
  ID?: string;
  Prefix?: string;
  Status?: string;
  Expiration?: { Days?: number; Date?: Date };
}

/** Seed 2.2.18: at most 100 rules; Prefix, Status and Expiration required; Days (a positive integer) or Date, not both. */
const LIFECYCLE_CONFIGURATION: Shape = {
  kind: 'struct',
  required: ['Rules'],
  members: {
    Rules: {
      kind: 'list',
      min: 1,
      max: 100,
      member: {
        kind: 'struct',
        required: ['Prefix', 'Status', 'Expiration'],
        members: {
          ID: STRING,
          Prefix: STRING,
          Status: STRING,
          Expiration: { kind: 'struct', oneOf: ['Days', 'Date'], members: { Days: { kind: 'integer', min: 1 }, Date: { kind: 'date' } } },
        },
      },
    },
  },
};

export interface PutBucketLifecycleRequest extends BucketRequest {
  /** At most 100 rules; replaces the bucket's lifecycle configuration. */
  LifecycleConfiguration: { Rules: LifecycleRule[] };
}

export interface GetBucketLifecycleOutput extends OosResponse {
  Rules: LifecycleRuleOutput[];
}

export const put_bucket_lifecycle = define<PutBucketLifecycleRequest, OosResponse>(
  spec(['Bucket', 'LifecycleConfiguration'], { Bucket: 'string', LifecycleConfiguration: 'object' }),
  async (ctx, p) => {
    checkShape(p.LifecycleConfiguration, LIFECYCLE_CONFIGURATION, 'LifecycleConfiguration');
    const rules = p.LifecycleConfiguration.Rules;
    const xml = buildXml('LifecycleConfiguration', {
      Rule: rules.map((r) => ({
        ID: r.ID,
        Prefix: r.Prefix,
        Status: r.Status,
        Expiration: {
          Days: r.Expiration.Days,
          Date: r.Expiration.Date instanceof Date ? r.Expiration.Date.toISOString() : r.Expiration.Date,
        },
      })),
    });
    return putXml(ctx, 'PutBucketLifecycle', p.Bucket, 'lifecycle', xml, p.AbortSignal);
  },
);

export const get_bucket_lifecycle = define<BucketRequest, GetBucketLifecycleOutput>(BUCKET_ONLY, async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'GetBucketLifecycle', method: 'GET', bucket: p.Bucket, query: [['lifecycle', '']], signal: p.AbortSignal },
    xmlResult('LifecycleConfiguration', ['Rule']),
  );
  const rules = list(body['Rule']).map((r) => {
    const e = node(r['Expiration']);
    return defined({
      ID: str(r['ID']),
      Prefix: str(r['Prefix']) ?? str(node(r['Filter'])['Prefix']),
      Status: str(r['Status']),
      Expiration: r['Expiration'] === undefined ? undefined : defined({ Days: int(e['Days']), Date: date(e['Date']) }),
    });
  });
  return { Rules: rules, ResponseMetadata: responseMetadata(res) };
});

export const delete_bucket_lifecycle = deleteCall('DeleteBucketLifecycle', 'lifecycle');

export type { Abortable };
