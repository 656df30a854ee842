/** POST /<key>?select&select-type=2 (select_object_content), protocol §9.6. */
import { gunzipSync } from 'node:zlib';
import { parseXml } from '@yunstore/core';
import { readBody } from '../../../common/http.ts';
import type { BucketRecord, ObjectRecord } from '../../../store/types.ts';
import { CosError, cosErrors } from '../errors.ts';
import { param, sendHeaders, type CosExchange } from '../exchange.ts';
import { isReadable } from '../headers.ts';
import { loadForRead, readBytes } from '../object.ts';
import { objOf, textOf } from '../xml.ts';
import { endMessage, errorMessage, recordsMessage, statsMessage, type ScanStats } from './eventstream.ts';
import { csvRows, jsonRows, runQuery, type CsvOutput, type Row } from './records.ts';
import { parseSql, SqlError } from './sql.ts';

/** Objects larger than this are refused: the emulator selects in memory. */
const MAX_SELECT_BYTES = 256 * 1024 * 1024;
/** Records payload per message. */
const CHUNK = 64 * 1024;

function invalid(message: string): CosError {
  return new CosError(400, 'InvalidArgument', message);
}

function orDefault(value: unknown, fallback: string): string {
  // Delimiters are significant whitespace (`\n`), so they are not trimmed.
  return typeof value === 'string' && value !== '' ? value : fallback;
}

interface SelectRequest {
  expression: string;
  compression: string;
  input: { csv: Parameters<typeof csvRows>[1] } | { json: 'LINES' | 'DOCUMENT' };
  output: { csv: CsvOutput } | { json: { recordDelimiter: string } };
  progress: boolean;
}

function parseRequest(body: Buffer): SelectRequest {
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(body);
  } catch {
    throw cosErrors.malformedXml();
  }
  const req = objOf(doc['SelectRequest']);
  const expression = textOf(req['Expression']);
  if (!expression) throw cosErrors.malformedXml('SelectRequest needs an Expression');
  const type = textOf(req['ExpressionType']) || 'SQL';
  if (type !== 'SQL') throw invalid('ExpressionType must be SQL');
  const inSer = objOf(req['InputSerialization']);
  const compression = (textOf(inSer['CompressionType']) || 'NONE').toUpperCase();
  let input: SelectRequest['input'];
  if (inSer['CSV'] !== undefined) {
    const c = objOf(inSer['CSV']);
    const header = (textOf(c['FileHeaderInfo']) || 'NONE').toUpperCase();
    if (header !== 'NONE' && header !== 'USE' && header !== 'IGNORE') throw invalid('FileHeaderInfo must be NONE, USE or IGNORE');
    input = {
      csv: {
        fileHeaderInfo: header,
        recordDelimiter: orDefault(c['RecordDelimiter'], '\n'),
        fieldDelimiter: orDefault(c['FieldDelimiter'], ','),
        quoteCharacter: orDefault(c['QuoteCharacter'], '"'),
        comments: typeof c['Comments'] === 'string' ? c['Comments'] : '',
      },
    };
  } else if (inSer['JSON'] !== undefined) {
    const t = (textOf(objOf(inSer['JSON'])['Type']) || 'DOCUMENT').toUpperCase();
    if (t !== 'LINES' && t !== 'DOCUMENT') throw invalid('JSON Type must be LINES or DOCUMENT');
    input = { json: t };
  } else {
    throw new CosError(501, 'NotImplemented', 'The emulator selects over CSV and JSON only.');
  }
  const outSer = objOf(req['OutputSerialization']);
  let output: SelectRequest['output'];
  if (outSer['JSON'] !== undefined) {
    output = { json: { recordDelimiter: orDefault(objOf(outSer['JSON'])['RecordDelimiter'], '\n') } };
  } else {
    const c = objOf(outSer['CSV']);
    output = {
      csv: {
        recordDelimiter: orDefault(c['RecordDelimiter'], '\n'),
        fieldDelimiter: orDefault(c['FieldDelimiter'], ','),
        quoteCharacter: orDefault(c['QuoteCharacter'], '"'),
        quoteFields: (textOf(c['QuoteFields']) || 'ASNEEDED').toUpperCase(),
      },
    };
  }
  const progress = textOf(objOf(req['RequestProgress'])['Enabled']).toUpperCase() === 'TRUE';
  return { expression, compression, input, output, progress };
}

async function readAll(ex: CosExchange, bucket: BucketRecord, obj: ObjectRecord): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await readBytes(ex, bucket, obj)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function selectObjectContent(ex: CosExchange, bucket: BucketRecord): Promise<void> {
  if (param(ex, 'select-type') !== '2') throw invalid('select-type must be 2');
  const request = parseRequest(await readBody(ex.req, 1024 * 1024));
  let query;
  try {
    query = parseSql(request.expression);
  } catch (err) {
    if (err instanceof SqlError) throw new CosError(400, 'InvalidExpression', `Expression: ${err.message}`);
    throw err;
  }
  const obj = await loadForRead(ex, bucket);
  if (!isReadable(obj, ex.ctx.now())) throw cosErrors.invalidObjectState();
  if (obj.size > MAX_SELECT_BYTES) throw invalid(`the emulator selects objects up to ${MAX_SELECT_BYTES} bytes`);
  const raw = await readAll(ex, bucket, obj);
  let data: Buffer;
  if (request.compression === 'NONE') data = raw;
  else if (request.compression === 'GZIP') {
    try {
      data = gunzipSync(raw);
    } catch {
      throw invalid('the object is not valid GZIP');
    }
  } else throw new CosError(501, 'NotImplemented', `CompressionType ${request.compression} is not supported by the emulator`);

  // From here on the answer is 200 and problems travel as an error message in the stream.
  sendHeaders(ex, 200, { 'Content-Type': 'application/octet-stream' });
  const text = data.toString('utf8');
  const stats: ScanStats = { scanned: raw.length, processed: data.length, returned: 0 };
  try {
    const rows: Row[] = 'csv' in request.input ? csvRows(text, request.input.csv) : jsonRows(text, request.input.json);
    const out = Buffer.from(runQuery(query, rows, request.output), 'utf8');
    stats.returned = out.length;
    for (let at = 0; at < out.length; at += CHUNK) ex.res.write(recordsMessage(out.subarray(at, at + CHUNK)));
    if (request.progress) ex.res.write(statsMessage('Progress', stats));
    ex.res.write(statsMessage('Stats', stats));
    ex.res.end(endMessage());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ex.res.end(errorMessage(err instanceof SqlError ? 'InvalidExpression' : 'InternalError', message));
  }
}
