/**
 * The OOS access-key API (seed 2.4): `oos.client('iam', ...)`. Each call
 * POSTs a form-encoded body, usually built with `encode_params(data)` as the
 * seed does; a plain object is accepted too.
 */
import { parseXml, toBody, type XmlObject } from '@yunstore/core';
import { ParamValidationError } from './errors.ts';
import { define, type Abortable, type Operation } from './operations/define.ts';
import { bool, defined, list, node, responseMetadata, str, date, type OosResponse } from './operations/shape.ts';
import type { ClientContext } from './request.ts';
import { spec } from './validate.ts';

/** Form-encodes parameters as the seed's `encode_params`: booleans become `true`/`false`, numbers digits. */
export function encode_params(data: Record<string, string | number | boolean | null | undefined>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    form.append(name, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value));
  }
  return form.toString();
}

export interface IamRequest {
  /** `encode_params({ Action: 'CreateAccessKey' })`, or the object itself. `Action` is filled in when missing. */
  Body: string | Record<string, string | number | boolean>;
}

export interface AccessKey {
  UserName?: string;
  AccessKeyId?: string;
  Status?: string;
  SecretAccessKey?: string;
  IsPrimary?: boolean;
  CreateDate?: Date;
}

/** boto-style `AccessKey` plus the same fields at the top level, as the seed's result table lists them. */
export interface CreateAccessKeyOutput extends OosResponse, AccessKey {
  AccessKey: AccessKey;
}

export interface ListAccessKeyOutput extends OosResponse {
  UserName?: string;
  AccessKeyMetadata: AccessKey[];
  IsTruncated: boolean;
  Marker?: string;
}

function formOf(body: IamRequest['Body'], action: string): string {
  const form = new URLSearchParams(typeof body === 'string' ? body : encode_params(body));
  const given = form.get('Action');
  if (given === null) form.set('Action', action);
  else if (given !== action && !(action === 'ListAccessKey' && given === 'ListAccessKeys')) {
    throw new ParamValidationError(`Body Action is "${given}" but this method sends "${action}"`);
  }
  return form.toString();
}

/** The `<...Result>` element inside `<...Response>`. */
function resultOf(doc: XmlObject): XmlObject {
  const response = Object.entries(doc).find(([name]) => name.endsWith('Response'))?.[1];
  const result = Object.entries(node(response)).find(([name]) => name.endsWith('Result'))?.[1];
  return node(result);
}

function accessKey(n: XmlObject): AccessKey {
  return defined({
    UserName: str(n['UserName']),
    AccessKeyId: str(n['AccessKeyId']),
    Status: str(n['Status']),
    SecretAccessKey: str(n['SecretAccessKey']),
    IsPrimary: bool(n['IsPrimary']),
    CreateDate: date(n['CreateDate']),
  });
}

async function call(ctx: ClientContext, action: string, p: IamRequest & Abortable): Promise<{ result: XmlObject; meta: OosResponse['ResponseMetadata'] }> {
  const form = formOf(p.Body, action);
  const { result, ...res } = await ctx.http.parse(
    {
      op: action,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: await toBody(form),
      signal: p.AbortSignal,
    },
    (raw) => (raw.length === 0 ? {} : resultOf(parseXml(raw, { arrays: ['ListAccessKeysResponse.ListAccessKeysResult.AccessKeyMetadata.member'] }))),
  );
  return { result, meta: responseMetadata(res) };
}

const BODY_SPEC = spec(['Body'], { Body: 'stringOrObject' });

export const create_access_key = define<IamRequest, CreateAccessKeyOutput>(BODY_SPEC, async (ctx, p) => {
  const { result, meta } = await call(ctx, 'CreateAccessKey', p);
  const key = accessKey(node(result['AccessKey']));
  return { ...key, AccessKey: key, ResponseMetadata: meta };
});

export const delete_access_key = define<IamRequest, OosResponse>(BODY_SPEC, async (ctx, p) => {
  const { meta } = await call(ctx, 'DeleteAccessKey', p);
  return { ResponseMetadata: meta };
});

export const update_access_key = define<IamRequest, OosResponse>(BODY_SPEC, async (ctx, p) => {
  const { meta } = await call(ctx, 'UpdateAccessKey', p);
  return { ResponseMetadata: meta };
});

export const list_access_key = define<IamRequest, ListAccessKeyOutput>(BODY_SPEC, async (ctx, p) => {
  const { result, meta } = await call(ctx, 'ListAccessKey', p);
  return defined({
    UserName: str(result['UserName']),
    AccessKeyMetadata: list(node(result['AccessKeyMetadata'])['member']).map(accessKey),
    IsTruncated: bool(result['IsTruncated']) ?? false,
    Marker: str(result['Marker']),
    ResponseMetadata: meta,
  });
});

export const IAM_OPERATIONS = { create_access_key, delete_access_key, update_access_key, list_access_key } satisfies Record<string, Operation<never, unknown>>;
