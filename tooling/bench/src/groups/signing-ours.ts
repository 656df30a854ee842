import { pickFunction, type Loaded, type ModuleShape } from '../load.ts';
import type { Op } from '../runner.ts';
import {
  BUCKET,
  CONTENT_LENGTH,
  CONTENT_MD5_BASE64,
  CONTENT_MD5_HEX,
  CONTENT_TYPE,
  CREDENTIALS,
  ENCODED_KEY,
  FIXED_NOW,
  KEY,
  type Scheme,
} from './signing-fixture.ts';

/** Our signer for one scheme as an op, plus the string it finally HMACs (for the floor's size). */
export interface OurSigner {
  name: string;
  op: Op;
  stringToSign: string;
}

type Fn = (...args: never[]) => unknown;

function wire(origin: string, path: string, headers: Record<string, string>): object {
  return { method: 'PUT', origin, path, query: [], headers };
}

function field(value: unknown, name: string): string {
  const found = (value as Record<string, unknown> | undefined)?.[name];
  return typeof found === 'string' ? found : '';
}

/**
 * Builds our signer op from `@yunstore/core/sign`. Each op does what the
 * client does per request: take the clock, sign, return the headers.
 */
export function ourSigner(scheme: Scheme, sign: ModuleShape): Loaded<OurSigner> {
  const call = (names: string[]): Loaded<Fn> => pickFunction<Fn>(sign, names, `@yunstore/core/sign (${scheme})`);
  switch (scheme) {
    case 'cos': {
      const signCos = call(['signCos']);
      if (!signCos.ok) return signCos;
      const request = wire(`https://${BUCKET}.cos.ap-guangzhou.myqcloud.com`, `/${ENCODED_KEY}`, {
        'Content-Type': CONTENT_TYPE,
        'Content-Length': CONTENT_LENGTH,
        'Content-MD5': CONTENT_MD5_BASE64,
        'x-cos-meta-author': 'bench',
      });
      const f = signCos.value as (r: object, c: object, o: object) => { debug?: unknown };
      const sample = f(request, CREDENTIALS, { now: FIXED_NOW });
      return {
        ok: true,
        value: { name: 'signCos', op: () => f(request, CREDENTIALS, { now: new Date() }), stringToSign: field(sample.debug, 'stringToSign') },
      };
    }
    case 'bos': {
      const signBos = call(['signBos']);
      if (!signBos.ok) return signBos;
      const request = wire('https://bj.bcebos.com', `/v1/${BUCKET}/${ENCODED_KEY}`, {
        'Content-Type': CONTENT_TYPE,
        'Content-Length': CONTENT_LENGTH,
        'Content-MD5': CONTENT_MD5_BASE64,
        'x-bce-meta-author': 'bench',
      });
      const f = signBos.value as (r: object, c: object, now: Date) => unknown;
      const stages = pickFunction<Fn>(sign, ['bosSignatureStages'], 'bos stages');
      let stringToSign = '';
      if (stages.ok) {
        const s = (stages.value as (i: object, p: object) => unknown)(
          { method: 'PUT', path: `/v1/${BUCKET}/${ENCODED_KEY}`, query: [], headers: { ...(request as { headers: object }).headers, Host: 'bj.bcebos.com' } },
          { ...CREDENTIALS, timestamp: FIXED_NOW },
        );
        stringToSign = field(s, 'canonicalRequest');
      }
      return { ok: true, value: { name: 'signBos', op: () => f(request, CREDENTIALS, new Date()), stringToSign } };
    }
    case 'nos': {
      const signNos = call(['signNos']);
      if (!signNos.ok) return signNos;
      const request = {
        method: 'PUT',
        bucket: BUCKET,
        key: KEY,
        headers: {
          'Content-Type': CONTENT_TYPE,
          'Content-Length': CONTENT_LENGTH,
          'Content-MD5': CONTENT_MD5_HEX,
          'x-nos-meta-author': 'bench',
        },
      };
      const f = signNos.value as (r: object, c: object, now: Date) => unknown;
      const sample = f(request, CREDENTIALS, FIXED_NOW);
      return { ok: true, value: { name: 'signNos', op: () => f(request, CREDENTIALS, new Date()), stringToSign: field(sample, 'stringToSign') } };
    }
    case 's3v2': {
      const signS3V2 = call(['signS3V2']);
      if (!signS3V2.ok) return signS3V2;
      const headers = {
        'Content-Type': CONTENT_TYPE,
        'Content-Length': CONTENT_LENGTH,
        'Content-MD5': CONTENT_MD5_BASE64,
        'x-amz-meta-author': 'bench',
      };
      const request = wire('http://oos-cn.ctyunapi.cn', `/${BUCKET}/${ENCODED_KEY}`, headers);
      const f = signS3V2.value as (r: object, c: object, now: Date) => unknown;
      const sts = pickFunction<Fn>(sign, ['stringToSignForHeaders'], 's3v2 string to sign');
      const stringToSign = sts.ok
        ? String(
            (sts.value as (m: string, p: string, q: unknown[], h: object) => unknown)('PUT', `/${BUCKET}/${ENCODED_KEY}`, [], {
              ...headers,
              'x-amz-date': 'Wed, 01 May 2024 08:00:00 GMT',
            }),
          )
        : '';
      return { ok: true, value: { name: 'signS3V2', op: () => f(request, CREDENTIALS, new Date()), stringToSign } };
    }
    case 's3v4': {
      const detailed = call(['signS3V4Detailed']);
      const plain = call(['signS3V4']);
      if (!plain.ok) return plain;
      const request = wire('http://oos-cn.ctyunapi.cn', `/${BUCKET}/${ENCODED_KEY}`, {
        'Content-Type': CONTENT_TYPE,
        'Content-Length': CONTENT_LENGTH,
        'Content-MD5': CONTENT_MD5_BASE64,
        'x-amz-meta-author': 'bench',
      });
      const options = { region: 'cn', service: 's3', payloadHash: 'UNSIGNED-PAYLOAD' };
      const f = plain.value as (r: object, c: object, now: Date, o: object) => unknown;
      const stringToSign = detailed.ok
        ? field((detailed.value as (r: object, c: object, now: Date, o: object) => unknown)(request, CREDENTIALS, FIXED_NOW, options), 'stringToSign')
        : '';
      return { ok: true, value: { name: 'signS3V4', op: () => f(request, CREDENTIALS, new Date(), options), stringToSign } };
    }
  }
}
