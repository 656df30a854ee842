/**
 * Bucket and object configuration: ACL (canned, grant headers, or the
 * `<AccessControlPolicy>` body), CORS and lifecycle, stored and returned.
 */
import { md5Base64, parseXml } from '@yunstore/core';
import { readBody } from '../../common/http.ts';
import type { BucketRecord } from '../../store/types.ts';
import { aclFromBody, aclFromHeaders, aclXml, type CosAcl } from './acl.ts';
import { authorize, bucketAcl, objectAcl } from './access.ts';
import { CONFIG_BODY_LIMIT } from './bucket.ts';
import { cosErrors } from './errors.ts';
import { header, sendEmpty, sendXml, sendXmlDocument, type CosExchange } from './exchange.ts';
import { resolveObject, versionParam } from './object.ts';
import { asList, objOf, textOf, type XmlElement } from './xml.ts';

/** Reads a configuration body and checks its Content-MD5 when one is sent. */
async function readConfigBody(ex: CosExchange): Promise<Buffer> {
  const body = await readBody(ex.req, CONFIG_BODY_LIMIT);
  const md5 = header(ex, 'content-md5');
  if (md5 !== undefined && md5.trim() !== md5Base64(body)) throw cosErrors.badDigest();
  return body;
}

async function aclOfRequest(ex: CosExchange, level: 'bucket' | 'object'): Promise<CosAcl> {
  const fromHeaders = aclFromHeaders((n) => header(ex, n), level);
  const body = await readConfigBody(ex);
  if (fromHeaders && body.length > 0) {
    throw cosErrors.invalidRequest('Specify the ACL either in x-cos-acl / x-cos-grant-* headers or in the body, not both.');
  }
  if (fromHeaders) return fromHeaders;
  if (body.length === 0) throw cosErrors.invalidRequest('put ACL needs x-cos-acl, x-cos-grant-* headers or an AccessControlPolicy body.');
  return aclFromBody(body);
}

export async function putBucketAcl(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const acl = await aclOfRequest(ex, 'bucket');
  await ex.ctx.store.updateBucket(bucket.name, { acl: acl.canned, grants: acl.grants });
  sendEmpty(ex, 200);
}

export async function getBucketAcl(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  sendXmlDocument(ex, aclXml(bucket.owner, bucketAcl(bucket)));
}

/** Object ACLs belong to one version: the current one, or the one `versionId` names. */
export async function putObjectAcl(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const obj = await resolveObject(ex, bucket);
  const acl = await aclOfRequest(ex, 'object');
  await ex.ctx.store.updateObject(bucket.name, obj.key, { extra: { ...obj.extra, acl } }, versionParam(ex));
  sendEmpty(ex, 200);
}

export async function getObjectAcl(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const obj = await resolveObject(ex, bucket, () => authorize(ex.owner, bucket, ex.op));
  authorize(ex.owner, bucket, ex.op, obj);
  const acl = objectAcl(obj);
  // `default` means "follow the bucket"; COS says so in x-cos-acl and lists only the owner grant.
  const headers: Record<string, string> = acl.canned === 'default' ? { 'x-cos-acl': 'default' } : {};
  sendXmlDocument(ex, aclXml(bucket.owner, acl.canned === 'default' ? { canned: 'private', grants: acl.grants } : acl), headers);
}

const CORS_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

function parseConfig(body: Buffer, root: string): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(body);
  } catch {
    throw cosErrors.malformedXml();
  }
  if (!doc[root] || typeof doc[root] !== 'object') throw cosErrors.malformedXml(`the body must be a ${root}`);
  return doc[root] as Record<string, unknown>;
}

export async function putBucketCors(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const conf = parseConfig(await readConfigBody(ex), 'CORSConfiguration');
  const rules = asList(conf['CORSRule']);
  if (rules.length === 0) throw cosErrors.malformedXml('CORSConfiguration needs at least one CORSRule');
  for (const r of rules) {
    const rule = objOf(r);
    if (asList(rule['AllowedOrigin']).length === 0) throw cosErrors.malformedXml('every CORSRule needs an AllowedOrigin');
    const methods = asList(rule['AllowedMethod']).map(textOf);
    if (methods.length === 0 || methods.some((m) => !CORS_METHODS.has(m.toUpperCase()))) {
      throw cosErrors.malformedXml('every CORSRule needs AllowedMethod values among GET, PUT, POST, DELETE, HEAD');
    }
  }
  await ex.ctx.store.updateBucket(bucket.name, { config: { ...bucket.config, cors: conf } });
  sendEmpty(ex, 200);
}

export async function getBucketCors(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const conf = bucket.config['cors'];
  if (!conf) throw cosErrors.noSuchCors();
  sendXml(ex, 'CORSConfiguration', conf as XmlElement);
}

export async function deleteBucketCors(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const { cors: _gone, ...rest } = bucket.config;
  await ex.ctx.store.updateBucket(bucket.name, { config: rest });
  sendEmpty(ex, 204);
}

export async function putBucketLifecycle(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const conf = parseConfig(await readConfigBody(ex), 'LifecycleConfiguration');
  const rules = asList(conf['Rule']);
  if (rules.length === 0) throw cosErrors.malformedXml('LifecycleConfiguration needs at least one Rule');
  for (const r of rules) {
    const status = textOf(objOf(r)['Status']);
    if (status !== 'Enabled' && status !== 'Disabled') throw cosErrors.malformedXml('every Rule needs Status Enabled or Disabled');
  }
  await ex.ctx.store.updateBucket(bucket.name, { config: { ...bucket.config, lifecycle: conf } });
  sendEmpty(ex, 200);
}

export async function getBucketLifecycle(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const conf = bucket.config['lifecycle'];
  if (!conf) throw cosErrors.noSuchLifecycle();
  sendXml(ex, 'LifecycleConfiguration', conf as XmlElement);
}

export async function deleteBucketLifecycle(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  const { lifecycle: _gone, ...rest } = bucket.config;
  await ex.ctx.store.updateBucket(bucket.name, { config: rest });
  sendEmpty(ex, 204);
}
