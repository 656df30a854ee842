/**
 * Bucket configurations OOS stores and returns: policy (JSON text), website,
 * logging, trigger (OOS extension) and lifecycle (legacy rule shape).
 * Each is validated enough to refuse what OOS refuses, stored in
 * `bucket.config`, and rebuilt as XML on GET.
 */
import type { XmlObject } from '@yunstore/core';
import { bucketName, children, parseBodyXml, readSmallBody, requireBucket, text, type Op } from './context.ts';
import { errors, OosError } from './errors.ts';
import { sendEmpty, sendText, sendXml } from './respond.ts';

async function setConfig(op: Op, name: string, value: unknown): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const config = { ...bucket.config };
  if (value === undefined) delete config[name];
  else config[name] = value;
  await op.ctx.store.updateBucket(bucketName(op), { config });
}

// ---- policy: the body is JSON, not XML ----

export async function putBucketPolicy(op: Op): Promise<void> {
  await requireBucket(op, 'owner');
  const body = (await readSmallBody(op)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new OosError(400, 'MalformedPolicy', "Policies must be valid JSON and the first byte must be '{'");
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { Statement?: unknown }).Statement)) {
    throw new OosError(400, 'MalformedPolicy', 'Missing required field Statement');
  }
  await setConfig(op, 'policy', body);
  sendEmpty(op.reply, 204);
}

export async function getBucketPolicy(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const policy = bucket.config['policy'];
  if (typeof policy !== 'string') throw errors.noSuchPolicy();
  sendText(op.reply, policy, 'application/json');
}

export async function deleteBucketPolicy(op: Op): Promise<void> {
  await setConfig(op, 'policy', undefined);
  sendEmpty(op.reply, 204);
}

// ---- website ----

export async function putBucketWebsite(op: Op): Promise<void> {
  await requireBucket(op, 'owner');
  const root = parseBodyXml(await readSmallBody(op), 'WebsiteConfiguration');
  const suffix = text(root['IndexDocument'], 'Suffix');
  if (suffix === '' || suffix.includes('/')) throw errors.invalidArgument('The IndexDocument Suffix is not well formed');
  const website: Record<string, unknown> = { IndexDocument: { Suffix: suffix } };
  const errorKey = text(root['ErrorDocument'], 'Key');
  if (errorKey !== '') website['ErrorDocument'] = { Key: errorKey };
  await setConfig(op, 'website', website);
  sendEmpty(op.reply);
}

export async function getBucketWebsite(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const website = bucket.config['website'];
  if (!website || typeof website !== 'object') throw errors.noSuchWebsite();
  sendXml(op.reply, 'WebsiteConfiguration', website as Record<string, unknown>);
}

export async function deleteBucketWebsite(op: Op): Promise<void> {
  await setConfig(op, 'website', undefined);
  // OOS answers 200 even when there was no website (seed 2.2.10).
  sendEmpty(op.reply, 200);
}

// ---- logging ----

const LOGGING_FIELDS = ['TargetBucket', 'TargetPrefix', 'TriggerTargetBucket', 'TriggerTargetPrefix', 'TriggerSourceBucket', 'TriggerSourcePrefix'] as const;

export async function putBucketLogging(op: Op): Promise<void> {
  await requireBucket(op, 'owner');
  const root = parseBodyXml(await readSmallBody(op), 'BucketLoggingStatus');
  const enabled = root['LoggingEnabled'];
  // An empty BucketLoggingStatus turns logging off.
  if (enabled === undefined) {
    await setConfig(op, 'logging', undefined);
    sendEmpty(op.reply);
    return;
  }
  const logging: Record<string, string> = {};
  for (const field of LOGGING_FIELDS) {
    const value = text(enabled, field);
    if (value !== '') logging[field] = value;
  }
  const target = logging['TargetBucket'];
  if (target === undefined) throw errors.invalidArgument('TargetBucket is required when LoggingEnabled is given');
  if (!(await op.ctx.store.getBucket(target))) throw new OosError(400, 'InvalidTargetBucketForLogging', 'The target bucket for logging does not exist');
  await setConfig(op, 'logging', logging);
  sendEmpty(op.reply);
}

export async function getBucketLogging(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const logging = bucket.config['logging'];
  sendXml(op.reply, 'BucketLoggingStatus', logging && typeof logging === 'object' ? { LoggingEnabled: logging } : {});
}

// ---- trigger (OOS only; wire form chosen in README: ?trigger, <TriggerConfiguration><Trigger>...) ----

const REMOTE_FIELDS = ['RemontEndPoint', 'ReplicaMode', 'RemoteBucketName', 'RemoteAK', 'RemoteSK'] as const;

interface Trigger {
  TriggerName: string;
  IsDefault: string;
  RemoteSite?: Array<Record<string, string>>;
}

function parseTrigger(node: XmlObject): Trigger {
  const name = text(node, 'TriggerName');
  // Seed 2.2.15: letters or digits, no special symbols, at most 20 characters. The seed's own
  // Python 2 note (section 1.1) names a trigger u'测试 Trigger', so letters of any script and
  // inner spaces are accepted too.
  if (!/^[\p{L}\p{N}](?:[\p{L}\p{N} ]{0,18}[\p{L}\p{N}])?$/u.test(name)) throw errors.invalidArgument(`Invalid TriggerName: ${name}`);
  const isDefault = text(node, 'IsDefault').toLowerCase();
  if (isDefault !== 'true' && isDefault !== 'false') throw errors.invalidArgument('IsDefault must be true or false');
  const trigger: Trigger = { TriggerName: name, IsDefault: isDefault };
  const sites = children(node, 'RemoteSite').map((site) => {
    const out: Record<string, string> = {};
    for (const field of REMOTE_FIELDS) out[field] = text(site, field);
    return out;
  });
  if (sites.length > 0) trigger.RemoteSite = sites;
  return trigger;
}

function storedTriggers(config: Record<string, unknown>): Trigger[] {
  const list = config['triggers'];
  return Array.isArray(list) ? (list as Trigger[]) : [];
}

export async function putBucketTrigger(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const root = parseBodyXml(await readSmallBody(op), 'TriggerConfiguration', ['TriggerConfiguration.Trigger', 'TriggerConfiguration.Trigger.RemoteSite']);
  const incoming = children(root, 'Trigger').map(parseTrigger);
  if (incoming.length === 0) throw errors.malformedXml();
  // "添加 trigger": triggers are added (same name replaces); only one may stay the default.
  const names = new Set(incoming.map((t) => t.TriggerName));
  let merged = [...storedTriggers(bucket.config).filter((t) => !names.has(t.TriggerName)), ...incoming];
  const defaults = incoming.filter((t) => t.IsDefault === 'true');
  if (defaults.length > 1) throw errors.invalidArgument('Only one trigger can be the default');
  if (defaults.length === 1) merged = merged.map((t) => (t === defaults[0] ? t : { ...t, IsDefault: 'false' }));
  await setConfig(op, 'triggers', merged);
  sendEmpty(op.reply);
}

export async function getBucketTrigger(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  sendXml(op.reply, 'TriggerConfiguration', { Trigger: storedTriggers(bucket.config) });
}

/** Deletes the trigger named by `?trigger=<name>` (or `triggerName=`); without a name, all of them. */
export async function deleteBucketTrigger(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const name = op.target.query.get('triggerName') || op.target.query.get('trigger') || '';
  const kept = name === '' ? [] : storedTriggers(bucket.config).filter((t) => t.TriggerName !== name);
  await setConfig(op, 'triggers', kept.length > 0 ? kept : undefined);
  sendEmpty(op.reply, 204);
}

// ---- lifecycle (legacy shape: Prefix on the rule, Expiration Days or Date) ----

function parseRule(node: XmlObject): Record<string, unknown> {
  const status = text(node, 'Status');
  if (status !== 'Enabled' && status !== 'Disabled') throw errors.malformedXml();
  const expiration = node['Expiration'];
  if (expiration === undefined) throw errors.invalidArgument('Expiration is required in a lifecycle rule');
  const days = text(expiration, 'Days');
  const date = text(expiration, 'Date');
  if ((days === '') === (date === '')) throw errors.invalidArgument('Exactly one of Days and Date must be given');
  if (days !== '' && !/^[1-9]\d*$/.test(days)) throw errors.invalidArgument("'Days' for Expiration action must be a positive integer");
  if (date !== '' && !/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(date)) throw errors.invalidArgument("'Date' must be at midnight GMT in ISO 8601 format");
  const rule: Record<string, unknown> = {};
  const id = text(node, 'ID');
  if (id.length > 255) throw errors.invalidArgument('ID length should not exceed allowed limit of 255');
  if (id !== '') rule['ID'] = id;
  rule['Prefix'] = text(node, 'Prefix') || text(node['Filter'], 'Prefix');
  rule['Status'] = status;
  rule['Expiration'] = days !== '' ? { Days: days } : { Date: date };
  return rule;
}

export async function putBucketLifecycle(op: Op): Promise<void> {
  await requireBucket(op, 'owner');
  const root = parseBodyXml(await readSmallBody(op), 'LifecycleConfiguration', ['LifecycleConfiguration.Rule']);
  const rules = children(root, 'Rule').map(parseRule);
  if (rules.length === 0 || rules.length > 100) throw errors.malformedXml();
  await setConfig(op, 'lifecycle', rules);
  sendEmpty(op.reply);
}

export async function getBucketLifecycle(op: Op): Promise<void> {
  const bucket = await requireBucket(op, 'owner');
  const rules = bucket.config['lifecycle'];
  if (!Array.isArray(rules)) throw errors.noSuchLifecycle();
  sendXml(op.reply, 'LifecycleConfiguration', { Rule: rules });
}

export async function deleteBucketLifecycle(op: Op): Promise<void> {
  await setConfig(op, 'lifecycle', undefined);
  sendEmpty(op.reply, 204);
}
