import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessages } from '../src/dialects/cos/select/eventstream.ts';
import { cos, startCosServer, xmlText, type CosServer } from './cos-harness.ts';

const B = 'select-1250000000';
let server: CosServer;

const CSV = 'name,age,city\nalice,34,Shenzhen\nbob,27,Beijing\ncarol,41,Shanghai\n';
const LINES = '{"name":"alice","age":34}\n{"name":"bob","age":27}\n';

beforeAll(async () => {
  server = await startCosServer();
  await cos(server, { method: 'PUT', bucket: B });
  await cos(server, { method: 'PUT', bucket: B, key: 'people.csv', body: CSV });
  await cos(server, { method: 'PUT', bucket: B, key: 'people.csv.gz', body: gzipSync(CSV) });
  await cos(server, { method: 'PUT', bucket: B, key: 'people.jsonl', body: LINES });
});
afterAll(() => server.close());

function request(expression: string, input: string, output = '<CSV/>', extra = ''): string {
  return (
    `<SelectRequest><Expression>${expression}</Expression><ExpressionType>SQL</ExpressionType>` +
    `<InputSerialization>${input}</InputSerialization><OutputSerialization>${output}</OutputSerialization>${extra}</SelectRequest>`
  );
}

async function select(key: string, body: string) {
  const r = await cos(server, {
    method: 'POST',
    bucket: B,
    key,
    query: [
      ['select', ''],
      ['select-type', '2'],
    ],
    body,
    headers: { 'Content-Type': 'application/xml' },
  });
  return { status: r.status, text: r.text, messages: r.status === 200 ? decodeMessages(r.body) : [] };
}

function records(messages: ReturnType<typeof decodeMessages>): string {
  return Buffer.concat(messages.filter((m) => m.headers[':event-type'] === 'Records').map((m) => m.payload)).toString();
}

const CSV_USE = '<CompressionType>NONE</CompressionType><CSV><FileHeaderInfo>USE</FileHeaderInfo></CSV>';

describe('select_object_content over HTTP', () => {
  it('SELECT * streams Records, Stats and End with valid CRCs', async () => {
    const { status, messages } = await select('people.csv', request('SELECT * FROM COSObject', CSV_USE));
    expect(status).toBe(200);
    expect(records(messages)).toBe('alice,34,Shenzhen\nbob,27,Beijing\ncarol,41,Shanghai\n');
    expect(messages.map((m) => m.headers[':event-type'])).toEqual(['Records', 'Stats', 'End']);
    expect(messages[1]!.payload.toString()).toContain(`<BytesScanned>${CSV.length}</BytesScanned>`);
  });

  it('projection, WHERE and LIMIT; JSON output; progress; gzip input', async () => {
    const q1 = await select('people.csv', request('SELECT s.name FROM COSObject s WHERE CAST(s.age AS INT) &gt; 30', CSV_USE));
    expect(records(q1.messages)).toBe('alice\ncarol\n');
    const q2 = await select(
      'people.csv',
      request(
        'SELECT name, city FROM COSObject LIMIT 1',
        CSV_USE,
        '<JSON><RecordDelimiter>\n</RecordDelimiter></JSON>',
        '<RequestProgress><Enabled>TRUE</Enabled></RequestProgress>',
      ),
    );
    expect(records(q2.messages)).toBe('{"name":"alice","city":"Shenzhen"}\n');
    expect(q2.messages.map((m) => m.headers[':event-type'])).toEqual(['Records', 'Progress', 'Stats', 'End']);
    const gz = await select(
      'people.csv.gz',
      request("SELECT _1 FROM COSObject WHERE _3 = 'Beijing'", '<CompressionType>GZIP</CompressionType><CSV><FileHeaderInfo>IGNORE</FileHeaderInfo></CSV>'),
    );
    expect(records(gz.messages)).toBe('bob\n');
  });

  it('JSON lines input', async () => {
    const r = await select('people.jsonl', request('SELECT s.name FROM COSObject s WHERE s.age &lt; 30', '<JSON><Type>LINES</Type></JSON>', '<JSON/>'));
    expect(records(r.messages)).toBe('{"name":"bob"}\n');
  });

  it('bad SQL is a 400; a failure while scanning is an error event after 200', async () => {
    const bad = await select('people.csv', request('SELECT FROM', CSV_USE));
    expect(bad.status).toBe(400);
    expect(xmlText(bad.text, 'Code')).toBe('InvalidExpression');
    const late = await select('people.csv', request('SELECT CAST(s.city AS INT) FROM COSObject s', CSV_USE));
    expect(late.status).toBe(200);
    expect(late.messages.at(-1)!.headers[':message-type']).toBe('error');
    expect(late.messages.at(-1)!.headers[':error-code']).toBe('InvalidExpression');
    const missing = await select('none.csv', request('SELECT * FROM COSObject', CSV_USE));
    expect(xmlText(missing.text, 'Code')).toBe('NoSuchKey');
  });
});
