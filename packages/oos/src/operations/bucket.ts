/** Service and bucket operations: list/create/delete/head buckets, bucket ACL, GET Bucket (list_objects). */
import { buildXml, toBody } from '@yunstore/core';
import { spec } from '../validate.ts';
import { addQuery, define } from './define.ts';
import { checkShape, STRING, type Shape } from './nested.ts';
import {
  bool,
  date,
  defined,
  int,
  list,
  metadataOnly,
  node,
  owner,
  responseMetadata,
  str,
  urlDecoder,
  xmlResult,
  type OosResponse,
  type Owner,
} from './shape.ts';

export type CannedAcl = 'private' | 'public-read' | 'public-read-write';

export interface ListBucketsOutput extends OosResponse {
  Buckets: Array<{ Name?: string; CreationDate?: Date }>;
  Owner: Owner;
}

export const list_buckets = define<Record<string, never> | undefined, ListBucketsOutput>(spec([], {}), async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'ListBuckets', method: 'GET', signal: p.AbortSignal },
    xmlResult('ListAllMyBucketsResult', ['Buckets.Bucket']),
  );
  return {
    Buckets: list(node(body['Buckets'])['Bucket']).map((b) => defined({ Name: str(b['Name']), CreationDate: date(b['CreationDate']) })),
    Owner: owner(body['Owner']),
    ResponseMetadata: responseMetadata(res),
  };
});

/**
 * boto3's `CreateBucketConfiguration` dict, sent as the
 * `<CreateBucketConfiguration>` body. `LocationConstraint` is botocore's
 * field; the other two are the OOS 6.0 (national pool) data-location
 * settings (element names from the OOS API documentation, not checked
 * against a live server).
 */
export interface CreateBucketConfiguration {
  /** botocore's region field, e.g. `'cn'`. */
  LocationConstraint?: string;
  /** OOS 6.0: the region that keeps the bucket's metadata, e.g. `{ Location: 'ChengDu' }`. */
  MetadataLocationConstraint?: { Location: string };
  /** OOS 6.0: where the bucket's data may be stored. */
  DataLocationConstraint?: {
    /** `Local` (the region the request reaches) or `Specified` (the regions of `LocationList`). */
    Type: 'Local' | 'Specified';
    /** Regions for `Specified`, in order of preference; sent as `<LocationList><Location>...`. */
    LocationList?: string[];
    /** `Allowed`: OOS may store data elsewhere when these regions are full; `NotAllowed`: never. */
    ScheduleStrategy?: 'Allowed' | 'NotAllowed';
  };
}

export interface CreateBucketRequest {
  Bucket: string;
  /** `private` (default), `public-read` or `public-read-write`. */
  ACL?: CannedAcl;
  /**
   * A dict as in boto3 (`{ LocationConstraint: 'cn' }` or the OOS 6.0
   * data-location fields), or ready-made `<CreateBucketConfiguration>` XML
   * text, sent as given.
   */
  CreateBucketConfiguration?: CreateBucketConfiguration | string;
}

export interface CreateBucketOutput extends OosResponse {
  /** `/<bucket>`. */
  Location?: string;
}

const CREATE_BUCKET_CONFIGURATION: Shape = {
  kind: 'struct',
  members: {
    LocationConstraint: STRING,
    MetadataLocationConstraint: { kind: 'struct', required: ['Location'], members: { Location: STRING } },
    DataLocationConstraint: {
      kind: 'struct',
      required: ['Type'],
      members: { Type: STRING, LocationList: { kind: 'list', member: STRING }, ScheduleStrategy: STRING },
    },
  },
};

/** The request body of create_bucket: the dict serialised as botocore does, or the caller's own XML. */
function createBucketBody(config: CreateBucketConfiguration | string): string {
  if (typeof config === 'string') return config;
  checkShape(config, CREATE_BUCKET_CONFIGURATION, 'CreateBucketConfiguration');
  const data = config.DataLocationConstraint;
  return buildXml('CreateBucketConfiguration', {
    LocationConstraint: config.LocationConstraint,
    MetadataLocationConstraint: config.MetadataLocationConstraint,
    DataLocationConstraint:
      data === undefined
        ? undefined
        : {
            Type: data.Type,
            LocationList: data.LocationList === undefined ? undefined : { Location: data.LocationList },
            ScheduleStrategy: data.ScheduleStrategy,
          },
  });
}

export const create_bucket = define<CreateBucketRequest, CreateBucketOutput>(
  spec(['Bucket'], { Bucket: 'string', ACL: 'string', CreateBucketConfiguration: 'stringOrObject' }, { newBucket: true }),
  async (ctx, p) => {
    const headers: Record<string, string> = {};
    if (p.ACL !== undefined) headers['x-amz-acl'] = p.ACL;
    const body = p.CreateBucketConfiguration === undefined || p.CreateBucketConfiguration === '' ? undefined : createBucketBody(p.CreateBucketConfiguration);
    const res = await ctx.http.send({
      op: 'CreateBucket',
      method: 'PUT',
      bucket: p.Bucket,
      headers,
      signal: p.AbortSignal,
      ...(body === undefined ? {} : { body: await toBody(body) }),
    });
    return defined({ Location: res.headers['location'], ResponseMetadata: responseMetadata(res) });
  },
);

export interface BucketRequest {
  Bucket: string;
}

/** For calls that answer nothing but ResponseMetadata. */
export function bucketCall(operation: string, method: 'DELETE' | 'HEAD', query: Array<[string, string]> = []) {
  return define<BucketRequest, OosResponse>(spec(['Bucket'], { Bucket: 'string' }), async (ctx, p) => {
    const res = await ctx.http.send({ op: operation, method, bucket: p.Bucket, query, signal: p.AbortSignal });
    return metadataOnly(res);
  });
}

export const delete_bucket = bucketCall('DeleteBucket', 'DELETE');
export const head_bucket = bucketCall('HeadBucket', 'HEAD');

export interface Grant {
  Grantee?: { DisplayName?: string; ID?: string; URI?: string; Type?: string };
  Permission?: string;
}

export interface GetBucketAclOutput extends OosResponse {
  Owner: Owner;
  /** botocore's plural list; the seed's table calls the container `Grant`. */
  Grants: Grant[];
}

export function parseGrants(body: Record<string, unknown>): Grant[] {
  return list(node((body as Record<string, never>)['AccessControlList'])['Grant']).map((g) => {
    const grantee = node(g['Grantee']);
    const uri = str(grantee['URI']);
    return defined({
      Grantee: defined({ DisplayName: str(grantee['DisplayName']), ID: str(grantee['ID']), URI: uri, Type: uri ? 'Group' : 'CanonicalUser' }),
      Permission: str(g['Permission']),
    });
  });
}

export const get_bucket_acl = define<BucketRequest, GetBucketAclOutput>(spec(['Bucket'], { Bucket: 'string' }), async (ctx, p) => {
  const { result: body, ...res } = await ctx.http.parse(
    { op: 'GetBucketAcl', method: 'GET', bucket: p.Bucket, query: [['acl', '']], signal: p.AbortSignal },
    xmlResult('AccessControlPolicy', ['AccessControlList.Grant']),
  );
  return { Owner: owner(body['Owner']), Grants: parseGrants(body), ResponseMetadata: responseMetadata(res) };
});

export interface PutBucketAclRequest extends BucketRequest {
  /** `private`, `public-read` or `public-read-write`. */
  ACL: CannedAcl;
}

export const put_bucket_acl = define<PutBucketAclRequest, OosResponse>(spec(['Bucket', 'ACL'], { Bucket: 'string', ACL: 'string' }), async (ctx, p) => {
  const res = await ctx.http.send({
    op: 'PutBucketAcl',
    method: 'PUT',
    bucket: p.Bucket,
    query: [['acl', '']],
    headers: { 'x-amz-acl': p.ACL },
    signal: p.AbortSignal,
  });
  return metadataOnly(res);
});

export interface ListObjectsRequest {
  Bucket: string;
  /** OOS supports only `/`. */
  Delimiter?: string;
  Marker?: string;
  MaxKeys?: number;
  Prefix?: string;
  /** `'url'`: keys travel URL-encoded and are decoded before you see them. */
  EncodingType?: 'url';
}

export interface ObjectSummary {
  Key?: string;
  LastModified?: Date;
  ETag?: string;
  Size?: number;
  StorageClass?: string;
  Owner?: Owner;
}

export interface ListObjectsOutput extends OosResponse {
  IsTruncated?: boolean;
  Marker?: string;
  NextMarker?: string;
  Contents?: ObjectSummary[];
  Name?: string;
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  CommonPrefixes?: Array<{ Prefix?: string }>;
  EncodingType?: string;
}

export const list_objects = define<ListObjectsRequest, ListObjectsOutput>(
  spec(['Bucket'], { Bucket: 'string', Delimiter: 'string', Marker: 'string', MaxKeys: 'integer', Prefix: 'string', EncodingType: 'string' }),
  async (ctx, p) => {
    const query: Array<[string, string]> = [];
    addQuery(query, 'delimiter', p.Delimiter);
    addQuery(query, 'marker', p.Marker);
    addQuery(query, 'max-keys', p.MaxKeys);
    addQuery(query, 'prefix', p.Prefix);
    addQuery(query, 'encoding-type', p.EncodingType);
    const { result: body, ...res } = await ctx.http.parse(
      { op: 'ListObjects', method: 'GET', bucket: p.Bucket, query, signal: p.AbortSignal },
      xmlResult('ListBucketResult', ['Contents', 'CommonPrefixes']),
    );
    const dec = urlDecoder(str(body['EncodingType']));
    const contents = list(body['Contents']).map((c) =>
      defined({
        Key: dec(str(c['Key'])),
        LastModified: date(c['LastModified']),
        ETag: str(c['ETag']),
        Size: int(c['Size']),
        StorageClass: str(c['StorageClass']),
        Owner: c['Owner'] === undefined ? undefined : owner(c['Owner']),
      }),
    );
    const prefixes = list(body['CommonPrefixes']).map((c) => defined({ Prefix: dec(str(c['Prefix'])) }));
    // botocore leaves Contents / CommonPrefixes out when there are none.
    return defined({
      IsTruncated: bool(body['IsTruncated']),
      Marker: dec(str(body['Marker'])),
      NextMarker: dec(str(body['NextMarker'])),
      Contents: contents.length > 0 ? contents : undefined,
      Name: str(body['Name']),
      Prefix: dec(str(body['Prefix'])),
      Delimiter: dec(str(body['Delimiter'])),
      MaxKeys: int(body['MaxKeys']),
      CommonPrefixes: prefixes.length > 0 ? prefixes : undefined,
      EncodingType: str(body['EncodingType']),
      ResponseMetadata: responseMetadata(res),
    });
  },
);
