/**
 * undici's `request`, for fetching presigned URLs exactly as a browser or
 * curl would (no SDK in between). @yunstore/nos has no undici dependency of
 * its own; core has, so it is resolved from core's folder.
 */
import { createRequire } from 'node:module';

type Request = typeof import('../../../core/node_modules/undici/index.js').request;

const requireFromCore = createRequire(new URL('../../../core/package.json', import.meta.url));
export const request: Request = (requireFromCore('undici') as { request: Request }).request;
