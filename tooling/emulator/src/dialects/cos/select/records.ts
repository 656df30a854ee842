/**
 * Input records (CSV, JSON LINES / DOCUMENT), evaluation of the parsed query
 * against them, and output serialisation (CSV or JSON lines).
 */
import { SqlError, type Expr, type Query } from './sql.ts';

/** A CSV row (values by position, names when the file has a header) or a JSON value. */
export type Row = { kind: 'csv'; values: string[]; names: string[] | undefined } | { kind: 'json'; value: unknown };

export interface CsvInput {
  fileHeaderInfo: 'NONE' | 'USE' | 'IGNORE';
  recordDelimiter: string;
  fieldDelimiter: string;
  quoteCharacter: string;
  comments: string;
}

/** Splits CSV text into rows of fields, honouring quotes (a doubled quote is a literal one). */
export function parseCsv(text: string, input: CsvInput): string[][] {
  const rows: string[][] = [];
  const { fieldDelimiter: fd, recordDelimiter: rd, quoteCharacter: q } = input;
  let field = '';
  let row: string[] = [];
  let inQuotes = false;
  let i = 0;
  const endRow = (): void => {
    row.push(rd === '\n' && field.endsWith('\r') ? field.slice(0, -1) : field);
    const blank = row.length === 1 && row[0] === '';
    if (!blank && !(input.comments && row[0]!.startsWith(input.comments))) rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    if (inQuotes) {
      if (q && text.startsWith(q, i)) {
        if (text.startsWith(q, i + q.length)) {
          field += q;
          i += 2 * q.length;
        } else {
          inQuotes = false;
          i += q.length;
        }
      } else {
        field += text[i++];
      }
    } else if (q && field === '' && text.startsWith(q, i)) {
      inQuotes = true;
      i += q.length;
    } else if (text.startsWith(fd, i)) {
      row.push(field);
      field = '';
      i += fd.length;
    } else if (text.startsWith(rd, i)) {
      endRow();
      i += rd.length;
    } else {
      field += text[i++];
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function csvRows(text: string, input: CsvInput): Row[] {
  const rows = parseCsv(text, input);
  let names: string[] | undefined;
  if (input.fileHeaderInfo !== 'NONE' && rows.length > 0) {
    const header = rows.shift()!;
    if (input.fileHeaderInfo === 'USE') names = header;
  }
  return rows.map((values) => ({ kind: 'csv', values, names }));
}

export function jsonRows(text: string, type: 'LINES' | 'DOCUMENT'): Row[] {
  if (type === 'DOCUMENT') {
    try {
      return [{ kind: 'json', value: JSON.parse(text) as unknown }];
    } catch {
      // Several top-level documents one after another: read them line by line below.
    }
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return { kind: 'json', value: JSON.parse(line) as unknown };
      } catch {
        throw new SqlError(`invalid JSON record: ${line.slice(0, 60)}`);
      }
    });
}

type Value = string | number | boolean | null | undefined | object;

function column(row: Row, path: string[]): Value {
  const [first, ...rest] = path;
  if (row.kind === 'csv') {
    if (rest.length > 0) return undefined;
    const positional = /^_(\d+)$/.exec(first!);
    if (positional) return row.values[Number(positional[1]) - 1];
    const names = row.names ?? [];
    let at = names.indexOf(first!);
    if (at < 0) at = names.findIndex((n) => n.toLowerCase() === first!.toLowerCase());
    return at < 0 ? undefined : row.values[at];
  }
  let v: unknown = row.value;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v as Value;
}

function toNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function cast(v: Value, type: string): Value {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'INT':
    case 'INTEGER':
    case 'BIGINT': {
      const n = toNumber(v);
      if (n === undefined) throw new SqlError(`cannot CAST '${String(v)}' AS ${type}`);
      return Math.trunc(n);
    }
    case 'FLOAT':
    case 'DOUBLE':
    case 'DECIMAL':
    case 'NUMERIC': {
      const n = toNumber(v);
      if (n === undefined) throw new SqlError(`cannot CAST '${String(v)}' AS ${type}`);
      return n;
    }
    case 'STRING':
    case 'VARCHAR':
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'BOOL':
    case 'BOOLEAN':
      return v === true || String(v).toLowerCase() === 'true';
    default:
      throw new SqlError(`unsupported CAST type ${type}`);
  }
}

function compare(op: string, a: Value, b: Value): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return false;
  const x = toNumber(a);
  const y = toNumber(b);
  // Numbers compare as numbers when both sides read as numbers (CSV fields are text).
  const [l, r]: [number | string, number | string] =
    x !== undefined && y !== undefined && (typeof a === 'number' || typeof b === 'number') ? [x, y] : [String(a), String(b)];
  switch (op) {
    case '=':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    default:
      throw new SqlError(`unsupported operator ${op}`);
  }
}

export function evaluate(expr: Expr, row: Row): Value {
  switch (expr.kind) {
    case 'column':
      return column(row, expr.path);
    case 'literal':
      return expr.value;
    case 'cast':
      return cast(evaluate(expr.expr, row), expr.type);
    case 'compare':
      return compare(expr.op, evaluate(expr.left, row), evaluate(expr.right, row));
    case 'and':
      return evaluate(expr.left, row) === true && evaluate(expr.right, row) === true;
    case 'or':
      return evaluate(expr.left, row) === true || evaluate(expr.right, row) === true;
    case 'not':
      return evaluate(expr.expr, row) !== true;
  }
}

export interface CsvOutput {
  recordDelimiter: string;
  fieldDelimiter: string;
  quoteCharacter: string;
  /** ALWAYS or ASNEEDED */
  quoteFields: string;
}

function text(v: Value): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function csvField(v: Value, out: CsvOutput): string {
  const s = text(v);
  const q = out.quoteCharacter;
  const needs =
    out.quoteFields === 'ALWAYS' || s.includes(out.fieldDelimiter) || s.includes(out.recordDelimiter) || (q !== '' && s.includes(q)) || /[\r\n]/.test(s);
  return needs && q !== '' ? `${q}${s.split(q).join(q + q)}${q}` : s;
}

/** The selected values of a row, in output order, with their names. */
function selected(query: Query, row: Row): Array<[string, Value]> {
  if (query.projection !== '*') return query.projection.map((p) => [p.name, evaluate(p.expr, row)]);
  if (row.kind === 'csv') return row.values.map((v, i) => [row.names?.[i] ?? `_${i + 1}`, v]);
  if (row.value !== null && typeof row.value === 'object' && !Array.isArray(row.value)) return Object.entries(row.value as Record<string, Value>);
  return [['_1', row.value as Value]];
}

/** Runs the query: filtered, limited and serialised records. */
export function runQuery(query: Query, rows: Row[], output: { csv: CsvOutput } | { json: { recordDelimiter: string } }): string {
  const parts: string[] = [];
  let count = 0;
  for (const row of rows) {
    if (query.limit !== undefined && count >= query.limit) break;
    if (query.where && evaluate(query.where, row) !== true) continue;
    count++;
    if ('csv' in output) {
      parts.push(
        selected(query, row)
          .map(([, v]) => csvField(v, output.csv))
          .join(output.csv.fieldDelimiter) + output.csv.recordDelimiter,
      );
    } else if (query.projection === '*' && row.kind === 'json') {
      parts.push(JSON.stringify(row.value) + output.json.recordDelimiter);
    } else {
      parts.push(JSON.stringify(Object.fromEntries(selected(query, row).map(([k, v]) => [k, v ?? null]))) + output.json.recordDelimiter);
    }
  }
  return parts.join('');
}
