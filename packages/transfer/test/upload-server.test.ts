import { describe, expect, it } from 'vitest';
import type { AdapterBase, PartsPage, ServerPart, UploadCapability } from '../src/index.ts';
import { abortUpload, classifyFailure, defaultClassify, listAllParts, MalformedAnswerError } from '../src/index.ts';
import { initiateUpload } from '../src/upload-server.ts';
import { FakeServiceError } from './memory-adapter.ts';

const signal = new AbortController().signal;
const target = { bucket: 'b', key: 'k', uploadId: 'u', signal };
const limits = { maxParts: 10_000, minPartSize: 1, maxPartSize: 5 * 1024 ** 3, maxSingleCopy: 1 };

type PartsAdapter = AdapterBase & Pick<UploadCapability, 'listPartsPage' | 'abort' | 'initiate'>;

/** An adapter whose listPartsPage answers from `pages` (keyed by marker) and records the markers asked for. */
function pagedAdapter(pages: Record<number, PartsPage | Error>, extra: Partial<PartsAdapter> = {}): PartsAdapter & { markers: number[] } {
  const markers: number[] = [];
  return {
    limits,
    markers,
    async listPartsPage({ marker }) {
      markers.push(marker);
      const page = pages[marker];
      if (page === undefined) throw new Error(`no page at ${marker}`);
      if (page instanceof Error) throw page;
      return page;
    },
    async abort() {},
    async initiate() {
      return { uploadId: 'u1' };
    },
    ...extra,
  };
}

const part = (n: number): ServerPart => ({ partNumber: n, etag: `"e${n}"`, size: 5 });

describe('listAllParts (the engine owns list-parts paging)', () => {
  it('follows every page from marker 0 and returns the parts in order', async () => {
    const adapter = pagedAdapter({ 0: { parts: [part(1), part(2)], nextMarker: 2 }, 2: { parts: [part(3), part(7)], nextMarker: 7 }, 7: { parts: [part(9)] } });
    expect(await listAllParts(adapter, target)).toEqual([part(1), part(2), part(3), part(7), part(9)]);
    expect(adapter.markers).toEqual([0, 2, 7]);
  });

  it('returns [] for an upload with no parts, and null when the upload is gone (404 / the vendor says gone)', async () => {
    expect(await listAllParts(pagedAdapter({ 0: { parts: [] } }), target)).toEqual([]);
    expect(await listAllParts(pagedAdapter({ 0: new FakeServiceError('NoSuchUpload', 404) }), target)).toBeNull();
    const vendorGone = pagedAdapter(
      { 0: new FakeServiceError('NoSuchUpload', 400) },
      { classify: (e) => ((e as FakeServiceError).code === 'NoSuchUpload' ? 'gone' : undefined) },
    );
    expect(await listAllParts(vendorGone, target)).toBeNull();
  });

  it('refuses a truncated page whose marker does not advance (it would loop forever)', async () => {
    const stuck = pagedAdapter({ 0: { parts: [part(1)], nextMarker: 1 }, 1: { parts: [part(2)], nextMarker: 1 } });
    await expect(listAllParts(stuck, target)).rejects.toBeInstanceOf(MalformedAnswerError);
    await expect(listAllParts(pagedAdapter({ 0: { parts: [], nextMarker: Number.NaN } }), target)).rejects.toMatchObject({ code: 'InvalidResponse' });
    class VendorClientError extends Error {}
    const vendor = pagedAdapter({ 0: { parts: [part(1)], nextMarker: 0 } }, { malformed: (op, message) => new VendorClientError(`${op}: ${message}`) });
    await expect(listAllParts(vendor, target)).rejects.toThrow(VendorClientError);
    await expect(listAllParts(vendor, target)).rejects.toThrow(/^list_parts: a truncated page/);
  });

  it('passes other failures through unchanged', async () => {
    const denied = new FakeServiceError('AccessDenied', 403);
    await expect(listAllParts(pagedAdapter({ 0: denied }), target)).rejects.toBe(denied);
  });
});

describe('abortUpload (idempotent)', () => {
  it('counts an upload already gone as aborted, and rethrows anything else', async () => {
    await expect(
      abortUpload(pagedAdapter({}, { abort: async () => Promise.reject(new FakeServiceError('NoSuchUpload', 404)) }), target),
    ).resolves.toBeUndefined();
    const denied = new FakeServiceError('AccessDenied', 403);
    await expect(abortUpload(pagedAdapter({}, { abort: async () => Promise.reject(denied) }), target)).rejects.toBe(denied);
  });
});

describe('initiateUpload', () => {
  it('refuses an answer without an upload id', async () => {
    await expect(initiateUpload(pagedAdapter({}), target)).resolves.toBe('u1');
    const empty = pagedAdapter({}, { initiate: async () => ({ uploadId: '' }) });
    await expect(initiateUpload(empty, target)).rejects.toThrow(/create_multipart_upload: the server answered without an upload id/);
  });
});

describe('classifyFailure', () => {
  it('defaults: 404 gone; 5xx, 429 and no answer retry; other answers and local faults final', () => {
    expect(defaultClassify(new FakeServiceError('NoSuchUpload', 404))).toBe('gone');
    expect(defaultClassify(new FakeServiceError('SlowDown', 503))).toBe('retry');
    expect(defaultClassify(new FakeServiceError('TooMany', 429))).toBe('retry');
    expect(defaultClassify(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe('retry');
    expect(defaultClassify(new FakeServiceError('AccessDenied', 403))).toBe('final');
    expect(defaultClassify(new TypeError('bad'))).toBe('final');
    expect(defaultClassify(new MalformedAnswerError('InvalidResponse', 'x'))).toBe('final');
  });

  it("uses the vendor's verdict where it gives one", () => {
    const adapter = { classify: (e: unknown) => ((e as { code?: string }).code === 'InternalError' ? ('retry' as const) : undefined) };
    expect(classifyFailure(adapter, new FakeServiceError('InternalError', 200))).toBe('retry');
    expect(classifyFailure(adapter, new FakeServiceError('AccessDenied', 403))).toBe('final');
    expect(classifyFailure(undefined, new FakeServiceError('NoSuchUpload', 404))).toBe('gone');
  });
});
