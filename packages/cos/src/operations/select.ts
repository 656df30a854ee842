import { buildXml, toBody } from '@yunstore/core';
import type { CosContext } from '../context.ts';
import { headerDict } from '../headers.ts';
import { EventStream } from '../select.ts';
import { optionalDict, requireDict, requireString } from '../validate.ts';
import { bucketOf, keyOf, signalSpec, type ObjectParams } from './params.ts';

export interface SelectObjectContentParams extends ObjectParams {
  /** `'Select * from COSObject'`. */
  Expression: string;
  /** `'SQL'`. */
  ExpressionType: string;
  /** `{CompressionType: 'NONE', CSV: {...}}` or `{JSON: {Type: 'LINES'}}`. */
  InputSerialization: Record<string, unknown>;
  /** `{CSV: {RecordDelimiter: '\n'}}` or `{JSON: {...}}`. */
  OutputSerialization: Record<string, unknown>;
  /** `{Enabled: 'TRUE'}` for periodic Progress events. */
  RequestProgress?: { Enabled: 'TRUE' | 'FALSE' | string };
}

/**
 * The Python SDK returns `{'Payload': EventStream}`; seed 004 shows the
 * headers plus `'Body': EventStream()`. Both keys hold the same stream,
 * next to the response headers.
 */
export interface SelectObjectContentResponse {
  [header: string]: string | EventStream | undefined;
  Payload: EventStream;
  Body: EventStream;
}

/** select_object_content(Bucket, Key, Expression, ExpressionType, InputSerialization, OutputSerialization, RequestProgress=None). */
export async function selectObjectContent(ctx: CosContext, params: Record<string, unknown>): Promise<SelectObjectContentResponse> {
  const bucket = bucketOf(ctx, params);
  const key = keyOf(params);
  const request = {
    Expression: requireString(params['Expression'], 'Expression'),
    ExpressionType: requireString(params['ExpressionType'], 'ExpressionType'),
    InputSerialization: requireDict(params['InputSerialization'], 'InputSerialization'),
    OutputSerialization: requireDict(params['OutputSerialization'], 'OutputSerialization'),
    RequestProgress: optionalDict(params['RequestProgress'], 'RequestProgress'),
  };
  const xml = buildXml('SelectRequest', request);
  const res = await ctx.http.stream({
    op: 'select_object_content',
    method: 'POST',
    bucket,
    key,
    query: [
      ['select', ''],
      ['select-type', '2'],
    ],
    headers: { 'Content-Type': 'application/xml' },
    body: await toBody(xml),
    ...signalSpec(params),
  });
  const stream = new EventStream(res.body);
  return { ...headerDict(res.headers), Payload: stream, Body: stream };
}
