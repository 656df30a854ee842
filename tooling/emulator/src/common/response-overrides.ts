/**
 * The S3-style `response-*` query parameters of a GET object and the answer
 * header each one replaces. COS and OOS take the same six; BOS spells them
 * in camelCase (`responseContentType`) and keeps its own table.
 */
export const RESPONSE_OVERRIDE_PARAMS: ReadonlyArray<readonly [param: string, header: string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
];
