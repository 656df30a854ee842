import { importOurs } from '../load.ts';
import { alreadyExists, type Endpoint } from './types.ts';

/**
 * Creates a NOS bucket with one signed PUT. Neither NOS SDK (theirs or ours,
 * which mirrors Python) has a bucket API — NOS buckets are made in the console
 * — but the emulator speaks the wire call. Used by both sides alike.
 */
export async function nosBucket(e: Endpoint, bucket: string): Promise<void> {
  const sign = await importOurs('@yunstore/core/sign');
  const signNos = sign.ok ? sign.value['signNos'] : undefined;
  if (typeof signNos !== 'function') throw new Error('@yunstore/core/sign has no signNos');
  const signed = (signNos as (r: object, c: object, now: Date) => { headers: Record<string, string> })(
    { method: 'PUT', bucket, headers: {} },
    { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey },
    new Date(),
  );
  const res = await fetch(`${e.endpoint}/${bucket}/`, { method: 'PUT', headers: signed.headers });
  const text = await res.text();
  if (res.status >= 300 && !alreadyExists(text)) throw new Error(`NOS create bucket answered ${res.status}: ${text.slice(0, 200)}`);
}
