/**
 * The SQL subset COS Select needs for our purposes:
 * `SELECT * | expr[, expr...] FROM COSObject [alias] [WHERE cond] [LIMIT n]`
 * where `expr` is a column (`_1`, `name`, `s.name`, `s."a b"`, `s.a.b`),
 * a literal or `CAST(expr AS INT|FLOAT|DECIMAL|STRING)`, and `cond` combines
 * comparisons (`= != <> < <= > >=`) with AND, OR, NOT and parentheses.
 */

export type Expr =
  | { kind: 'column'; path: string[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'cast'; expr: Expr; type: string }
  | { kind: 'compare'; op: string; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr };

export interface Query {
  /** '*' or the projected expressions with their output names. */
  projection: '*' | Array<{ expr: Expr; name: string }>;
  where?: Expr;
  limit?: number;
}

export class SqlError extends Error {
  override name = 'SqlError';
}

type Token = { type: 'ident' | 'qident' | 'string' | 'number' | 'symbol'; text: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|('(?:[^']|'')*')|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|<>|!=|[=<>(),.*[\]]))/y;
  let at = 0;
  while (at < sql.length) {
    if (/^\s*$/.test(sql.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(sql);
    if (!m) throw new SqlError(`unexpected character at ${at}: ${sql.slice(at, at + 10)}`);
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ type: 'number', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ type: 'string', text: m[2].slice(1, -1).replace(/''/g, "'") });
    else if (m[3] !== undefined) tokens.push({ type: 'qident', text: m[3].slice(1, -1).replace(/""/g, '"') });
    else if (m[4] !== undefined) tokens.push({ type: 'ident', text: m[4] });
    else tokens.push({ type: 'symbol', text: m[5]! });
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }
  isKeyword(word: string): boolean {
    const t = this.peek();
    return t?.type === 'ident' && t.text.toUpperCase() === word;
  }
  isSymbol(s: string): boolean {
    const t = this.peek();
    return t?.type === 'symbol' && t.text === s;
  }
  next(): Token {
    const t = this.tokens[this.at++];
    if (!t) throw new SqlError('unexpected end of expression');
    return t;
  }
  expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw new SqlError(`expected ${word}${this.peek() ? ` near '${this.peek()!.text}'` : ''}`);
    this.at++;
  }
  expectSymbol(s: string): void {
    if (!this.isSymbol(s)) throw new SqlError(`expected '${s}'${this.peek() ? ` near '${this.peek()!.text}'` : ''}`);
    this.at++;
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }

  operand(): Expr {
    const t = this.next();
    if (t.type === 'number') return { kind: 'literal', value: Number(t.text) };
    if (t.type === 'string') return { kind: 'literal', value: t.text };
    if (t.type === 'symbol' && t.text === '(') {
      const e = this.condition();
      this.expectSymbol(')');
      return e;
    }
    if (t.type === 'ident') {
      const upper = t.text.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
      if (upper === 'NULL') return { kind: 'literal', value: null };
      if (upper === 'CAST' && this.isSymbol('(')) {
        this.next();
        const expr = this.condition();
        this.expectKeyword('AS');
        const type = this.next().text.toUpperCase();
        this.expectSymbol(')');
        return { kind: 'cast', expr, type };
      }
    }
    if (t.type === 'ident' || t.type === 'qident') {
      const path = [t.text];
      while (this.isSymbol('.') || this.isSymbol('[')) {
        if (this.next().text === '.') {
          const part = this.next();
          if (part.type !== 'ident' && part.type !== 'qident') throw new SqlError(`bad column reference near '${part.text}'`);
          path.push(part.text);
        } else {
          const part = this.next();
          if (part.type !== 'string' && part.type !== 'number') throw new SqlError('expected a name or index inside [ ]');
          path.push(part.text);
          this.expectSymbol(']');
        }
      }
      return { kind: 'column', path };
    }
    throw new SqlError(`unexpected '${t.text}'`);
  }

  comparison(): Expr {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', expr: this.comparison() };
    }
    const left = this.operand();
    const t = this.peek();
    if (t?.type === 'symbol' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      return { kind: 'compare', op: t.text === '<>' ? '!=' : t.text, left, right: this.operand() };
    }
    return left;
  }

  conjunction(): Expr {
    let left = this.comparison();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.comparison() };
    }
    return left;
  }

  condition(): Expr {
    let left = this.conjunction();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }
}

function outputName(expr: Expr, index: number): string {
  if (expr.kind === 'column') return expr.path[expr.path.length - 1]!;
  if (expr.kind === 'cast') return outputName(expr.expr, index);
  return `_${index + 1}`;
}

/** Strips the FROM alias (or `COSObject`) from the front of column paths. */
function unalias(expr: Expr, aliases: Set<string>): Expr {
  switch (expr.kind) {
    case 'column':
      return expr.path.length > 1 && aliases.has(expr.path[0]!.toLowerCase()) ? { kind: 'column', path: expr.path.slice(1) } : expr;
    case 'cast':
    case 'not':
      return { ...expr, expr: unalias(expr.expr, aliases) };
    case 'compare':
    case 'and':
    case 'or':
      return { ...expr, left: unalias(expr.left, aliases), right: unalias(expr.right, aliases) };
    default:
      return expr;
  }
}

export function parseSql(sql: string): Query {
  const p = new Parser(tokenize(sql));
  p.expectKeyword('SELECT');
  let items: Array<{ expr: Expr; name: string }> | '*';
  if (p.isSymbol('*')) {
    p.next();
    items = '*';
  } else {
    items = [];
    do {
      if (items.length > 0) p.next();
      const expr = p.condition();
      let name = outputName(expr, items.length);
      if (p.isKeyword('AS')) {
        p.next();
        name = p.next().text;
      }
      items.push({ expr, name });
    } while (p.isSymbol(','));
  }
  p.expectKeyword('FROM');
  const source = p.next();
  if (source.type !== 'ident' || source.text.toLowerCase() !== 'cosobject') throw new SqlError('FROM must name COSObject');
  // `FROM COSObject[*]` (JSON documents) reads the same here.
  if (p.isSymbol('[')) {
    p.next();
    p.expectSymbol('*');
    p.expectSymbol(']');
  }
  const aliases = new Set(['cosobject']);
  if (p.isKeyword('AS')) p.next();
  const t = p.peek();
  if (t?.type === 'ident' && !['WHERE', 'LIMIT'].includes(t.text.toUpperCase())) aliases.add(p.next().text.toLowerCase());

  const query: Query = { projection: items === '*' ? '*' : items.map((i) => ({ ...i, expr: unalias(i.expr, aliases) })) };
  if (p.isKeyword('WHERE')) {
    p.next();
    query.where = unalias(p.condition(), aliases);
  }
  if (p.isKeyword('LIMIT')) {
    p.next();
    const n = p.next();
    if (n.type !== 'number' || !/^\d+$/.test(n.text)) throw new SqlError('LIMIT needs a non-negative integer');
    query.limit = Number(n.text);
  }
  if (!p.done()) throw new SqlError(`unexpected '${p.peek()!.text}'`);
  return query;
}
