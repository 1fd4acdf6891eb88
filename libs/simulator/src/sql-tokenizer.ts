import { SqlError } from './sql-ast';

export type TokenKind = 'ident' | 'keyword' | 'string' | 'number' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Keywords are upper-cased; identifiers keep their case (osquery column names are lower case). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'LIKE', 'IN', 'IS', 'NULL', 'AS', 'LIMIT', 'ORDER', 'BY', 'ASC', 'DESC',
  'DISTINCT', 'TRUE', 'FALSE', 'JOIN', 'LEFT', 'INNER', 'CROSS', 'ON', 'GROUP', 'HAVING', 'UNION', 'WITH', 'OFFSET', 'GLOB', 'BETWEEN', 'CASE',
]);

const OPERATORS = ['<>', '!=', '<=', '>=', '==', '||', '=', '<', '>', '(', ')', ',', '*', ';', '.', '-', '+', '/'];

/** Splits SQL into tokens with SQLite's quoting rules ('' inside strings, "ident" and `ident` quoting). */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    const start = i;
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new SqlError('unrecognized token: "' + sql.slice(start) + '"');
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++;
          break;
        }
        value += sql[i];
        i++;
      }
      tokens.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (c === '"' || c === '`') {
      const close = sql.indexOf(c, i + 1);
      if (close < 0) throw new SqlError('unrecognized token: "' + sql.slice(start) + '"');
      tokens.push({ kind: 'ident', text: sql.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(sql.slice(i));
      const text = m ? m[0] : c;
      tokens.push({ kind: 'number', text, start, end: i + text.length });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
      const word = m ? m[0] : c;
      const upper = word.toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { kind: 'keyword', text: upper, start, end: i + word.length } : { kind: 'ident', text: word, start, end: i + word.length });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (!op) throw new SqlError(`unrecognized token: "${c}"`);
    tokens.push({ kind: 'op', text: op, start, end: i + op.length });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', start: sql.length, end: sql.length });
  return tokens;
}
