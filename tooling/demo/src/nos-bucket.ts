import { signNos } from '@yunstore/core/sign';

/**
 * Creates or deletes a NOS bucket with one signed request. The NOS Python SDK
 * (and so @yunstore/nos) has no bucket API — buckets are made in the console —
 * but the emulator speaks the NOS wire calls, so the demo makes its bucket
 * the way the console would.
 */
export async function nosBucketRequest(
  method: 'PUT' | 'DELETE',
  endpoint: string,
  bucket: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<void> {
  const signed = signNos({ method, bucket, headers: {} }, credentials, new Date());
  const origin = /^https?:\/\//.test(endpoint) ? endpoint : `http://${endpoint}`;
  const response = await fetch(`${origin}/${bucket}/`, { method, headers: { ...signed.headers } });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`NOS ${method} bucket answered ${response.status}: ${text.slice(0, 200)}`);
}
