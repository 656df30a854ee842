/**
 * What the engine asks the server about a multipart upload, the same way
 * for every vendor: every part it holds (following the pages) and an abort
 * that is idempotent (an upload already gone is what abort wants).
 */
import type { AdapterBase, ObjectRef, ServerPart, UploadCapability } from './adapter.ts';
import { classifyFailure, malformedAnswer, requireAnswer } from './verdict.ts';

type PartsAdapter = AdapterBase & Pick<UploadCapability, 'listPartsPage'>;

/**
 * Every part the server holds for `uploadId`, all pages, or `null` when the
 * upload no longer exists (completed, aborted or expired: the adapter's
 * failure classifies as `'gone'`). A truncated page whose marker does not
 * advance is a malformed answer (it would loop forever).
 */
export async function listAllParts(adapter: PartsAdapter, args: ObjectRef & { uploadId: string; signal: AbortSignal }): Promise<ServerPart[] | null> {
  const parts: ServerPart[] = [];
  let marker = 0;
  for (;;) {
    let page: Awaited<ReturnType<PartsAdapter['listPartsPage']>>;
    try {
      page = await adapter.listPartsPage({ ...args, marker });
    } catch (error) {
      if (classifyFailure(adapter, error) === 'gone') return null;
      throw error;
    }
    parts.push(...page.parts);
    if (page.nextMarker === undefined) return parts;
    if (!Number.isSafeInteger(page.nextMarker) || page.nextMarker <= marker) {
      throw malformedAnswer(adapter, 'list_parts', `a truncated page without a usable next part-number marker (${String(page.nextMarker)} after ${marker})`);
    }
    marker = page.nextMarker;
  }
}

/** Aborts the upload; one already gone (the adapter's failure classifies as `'gone'`) counts as aborted. */
export async function abortUpload(
  adapter: AdapterBase & Pick<UploadCapability, 'abort'>,
  args: ObjectRef & { uploadId: string; signal: AbortSignal },
): Promise<void> {
  try {
    await adapter.abort(args);
  } catch (error) {
    if (classifyFailure(adapter, error) !== 'gone') throw error;
  }
}

/** Starts a multipart upload; an answer without an upload id is refused (every later request would address nothing). */
export async function initiateUpload(adapter: AdapterBase & Pick<UploadCapability, 'initiate'>, args: ObjectRef & { signal: AbortSignal }): Promise<string> {
  const { uploadId } = await adapter.initiate(args);
  return requireAnswer(adapter, 'create_multipart_upload', 'an upload id', uploadId);
}
