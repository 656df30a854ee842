/**
 * undici's `request` for plain HTTP GETs in tests. @yunstore/bos does not
 * depend on undici itself (core does), so it is loaded from core's
 * dependencies; a devDependency on undici would make this a plain import.
 */
import { createRequire } from 'node:module';

type UndiciRequest = typeof import('../../core/node_modules/undici/index.js').request;

const load = createRequire(new URL('../../core/package.json', import.meta.url));
export const request: UndiciRequest = (load('undici') as { request: UndiciRequest }).request;
