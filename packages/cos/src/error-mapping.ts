import type { CosErrorDigest } from './errors.ts';
import { parseCosXml } from './xml-shape.ts';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The digest of an error body as the Python SDK builds it: the `<Error>`
 * fields in lower case; `'Unknown'` where a field is missing; ids from the
 * `x-cos-request-id` / `x-cos-trace-id` headers when the body has none.
 */
export function errorDigest(body: string, headers: Record<string, string>, resource: string, isHead: boolean, status: number): CosErrorDigest {
  const requestId = headers['x-cos-request-id'];
  const traceId = headers['x-cos-trace-id'];
  let fields: Record<string, unknown> = {};
  if (body.trim().startsWith('<')) {
    try {
      fields = parseCosXml(body);
    } catch {
      fields = {};
    }
  } else if (body.trim().startsWith('{')) {
    // CI endpoints answer JSON; accepted as a fallback digest.
    try {
      const json: unknown = JSON.parse(body);
      const inner = (json as { Response?: { Error?: unknown } } | null)?.Response?.Error ?? json;
      if (inner && typeof inner === 'object') fields = inner as Record<string, unknown>;
    } catch {
      fields = {};
    }
  }
  const noBody = body.trim() === '';
  const code = text(fields['Code']) ?? (isHead && status === 404 ? 'NoSuchResource' : noBody ? `HTTP${status}` : 'Unknown');
  const message = text(fields['Message']) ?? (isHead && status === 404 ? 'The Resource You Head Not Exist' : noBody ? 'the response has no body' : 'Unknown');
  return {
    code,
    message,
    resource: text(fields['Resource']) ?? resource,
    requestid: text(fields['RequestId']) ?? requestId ?? 'Unknown',
    traceid: text(fields['TraceId']) ?? traceId ?? 'Unknown',
  };
}
