import { describe, expect, it } from 'vitest';
import { decodeMessages, endMessage, errorMessage, recordsMessage } from '../src/dialects/cos/select/eventstream.ts';
import { csvRows, jsonRows, parseCsv, runQuery } from '../src/dialects/cos/select/records.ts';
import { parseSql, SqlError } from '../src/dialects/cos/select/sql.ts';

const csvIn = { fileHeaderInfo: 'USE' as const, recordDelimiter: '\n', fieldDelimiter: ',', quoteCharacter: '"', comments: '' };
const csvOut = { csv: { recordDelimiter: '\n', fieldDelimiter: ',', quoteCharacter: '"', quoteFields: 'ASNEEDED' } };
const jsonOut = { json: { recordDelimiter: '\n' } };

describe('select event stream framing (protocol §9.6 worked example)', () => {
  it('encodes a Records message and End byte for byte', () => {
    expect(recordsMessage(Buffer.from('a,b\n')).toString('hex')).toBe(
      '0000006900000055ea016f2e0d3a6d6573736167652d747970650700056576656e74' +
        '0b3a6576656e742d747970650700075265636f7264730d3a636f6e74656e742d7479' +
        '70650700186170706c69636174696f6e2f6f637465742d73747265616d612c620ae3' +
        '67eb1d',
    );
    expect(endMessage().toString('hex')).toBe(
      '0000003800000028c1c684d40d3a6d6573736167652d747970650700056576656e74' + '0b3a6576656e742d74797065070003456e64cf97d392',
    );
  });

  it('round-trips and detects corruption', () => {
    const stream = Buffer.concat([recordsMessage(Buffer.from('x')), errorMessage('InvalidExpression', 'bad')]);
    const decoded = decodeMessages(stream);
    expect(decoded[1]!.headers).toEqual({ ':message-type': 'error', ':error-code': 'InvalidExpression', ':error-message': 'bad' });
    const corrupt = Buffer.from(stream);
    corrupt[20] = corrupt[20]! ^ 1;
    expect(() => decodeMessages(corrupt)).toThrow(/CRC/);
  });
});

describe('select SQL subset', () => {
  it('parses projections, aliases, WHERE and LIMIT', () => {
    const q = parseSql("SELECT s.name, CAST(s.age AS INT) AS years FROM COSObject s WHERE s.age >= 30 AND NOT s.city = 'x' LIMIT 5");
    expect(q.projection).not.toBe('*');
    expect((q.projection as Array<{ name: string }>).map((p) => p.name)).toEqual(['name', 'years']);
    expect(q.limit).toBe(5);
    expect(q.where?.kind).toBe('and');
  });

  it('rejects what it cannot read', () => {
    expect(() => parseSql('SELECT * FROM other')).toThrow(SqlError);
    expect(() => parseSql('SELECT * FROM COSObject LIMIT x')).toThrow(/LIMIT/);
    expect(() => parseSql('DELETE FROM COSObject')).toThrow(/SELECT/);
  });
});

describe('select over records', () => {
  const csv = 'name,age,city\nalice,34,"Shen, zhen"\nbob,27,Beijing\ncarol,41,"He said ""hi"""\n';

  it('parses quoted CSV fields', () => {
    expect(parseCsv(csv, csvIn)[3]).toEqual(['carol', '41', 'He said "hi"']);
  });

  it('SELECT * re-quotes fields that need it', () => {
    expect(runQuery(parseSql('SELECT * FROM COSObject'), csvRows(csv, csvIn), csvOut)).toBe(
      'alice,34,"Shen, zhen"\nbob,27,Beijing\ncarol,41,"He said ""hi"""\n',
    );
  });

  it('projection, numeric WHERE and LIMIT', () => {
    const rows = csvRows(csv, csvIn);
    expect(runQuery(parseSql('SELECT s.name FROM COSObject s WHERE s.age > 30'), rows, csvOut)).toBe('alice\ncarol\n');
    expect(runQuery(parseSql('SELECT name, age FROM COSObject LIMIT 1'), rows, jsonOut)).toBe('{"name":"alice","age":"34"}\n');
    expect(runQuery(parseSql("SELECT _1 FROM COSObject WHERE _3 = 'Beijing'"), csvRows(csv, { ...csvIn, fileHeaderInfo: 'IGNORE' }), csvOut)).toBe('bob\n');
  });

  it('JSON lines: nested paths, comparisons, SELECT *', () => {
    const lines = '{"id":1,"user":{"name":"a"},"score":9.5}\n{"id":2,"user":{"name":"b"},"score":3}\n\n';
    const rows = jsonRows(lines, 'LINES');
    expect(runQuery(parseSql('SELECT s.user.name FROM COSObject s WHERE s.score < 5'), rows, jsonOut)).toBe('{"name":"b"}\n');
    expect(runQuery(parseSql('SELECT * FROM COSObject s WHERE s.id = 1'), rows, jsonOut)).toBe('{"id":1,"user":{"name":"a"},"score":9.5}\n');
    expect(runQuery(parseSql('SELECT s.id, s.score FROM COSObject s'), rows, csvOut)).toBe('1,9.5\n2,3\n');
  });
});
