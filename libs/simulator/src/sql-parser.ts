import { type Expr, type SelectItem, type SelectStatement, SqlError } from './sql-ast';
import { type Token, tokenize } from './sql-tokenizer';

/** Keywords of SQL shapes this evaluator deliberately does not implement; reported as SQLite would a syntax error. */
const UNSUPPORTED = new Set(['JOIN', 'LEFT', 'INNER', 'CROSS', 'GROUP', 'HAVING', 'UNION', 'WITH', 'GLOB', 'BETWEEN', 'CASE', 'ON']);

/**
 * Parses one SELECT of the subset used by Fleet labels, policies and typical live queries:
 * single table, WHERE with AND/OR/NOT, comparisons, LIKE, IN, IS [NOT] NULL, scalar calls, ORDER BY, LIMIT.
 */
export function parseSelect(sql: string): SelectStatement {
  return new Parser(sql, tokenize(sql)).statement();
}

class Parser {
  private pos = 0;

  constructor(private readonly sql: string, private readonly tokens: Token[]) {}

  statement(): SelectStatement {
    this.expectKeyword('SELECT');
    const distinct = this.acceptKeyword('DISTINCT');
    const items: SelectItem[] = [this.selectItem()];
    while (this.acceptOp(',')) items.push(this.selectItem());
    let from: string | undefined;
    if (this.acceptKeyword('FROM')) {
      if (this.peek().kind === 'op' && this.peek().text === '(') this.fail(this.peek(), true);
      from = this.identifier().toLowerCase();
      if (this.acceptKeyword('AS')) this.identifier();
      else if (this.peek().kind === 'ident') this.advance();
    }
    const where = this.acceptKeyword('WHERE') ? this.expr() : undefined;
    const orderBy: Array<{ expr: Expr; desc: boolean }> = [];
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      do {
        const expr = this.expr();
        const desc = this.acceptKeyword('DESC');
        if (!desc) this.acceptKeyword('ASC');
        orderBy.push({ expr, desc });
      } while (this.acceptOp(','));
    }
    let limit: number | undefined;
    if (this.acceptKeyword('LIMIT')) {
      const t = this.advance();
      if (t.kind !== 'number') this.fail(t);
      limit = Number(t.text);
    }
    while (this.acceptOp(';'));
    if (this.peek().kind !== 'end') this.fail(this.peek());
    return { items, from, where, orderBy, limit, distinct };
  }

  private selectItem(): SelectItem {
    if (this.acceptOp('*')) return { kind: 'star' };
    const start = this.peek().start;
    const expr = this.expr();
    const end = this.tokens[this.pos - 1]?.end ?? start;
    let label = this.sql.slice(start, end);
    if (expr.kind === 'column') label = expr.name;
    if (this.acceptKeyword('AS')) label = this.identifier();
    else if (this.peek().kind === 'ident') label = this.advance().text;
    return { kind: 'expr', expr, label };
  }

  private expr(): Expr {
    let left = this.andExpr();
    while (this.acceptKeyword('OR')) left = { kind: 'logical', op: 'or', left, right: this.andExpr() };
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.acceptKeyword('AND')) left = { kind: 'logical', op: 'and', left, right: this.notExpr() };
    return left;
  }

  private notExpr(): Expr {
    if (this.acceptKeyword('NOT')) return { kind: 'not', expr: this.notExpr() };
    return this.predicate();
  }

  private predicate(): Expr {
    const left = this.primary();
    const t = this.peek();
    if (t.kind === 'op' && ['=', '==', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.advance();
      const op = t.text === '==' ? '=' : t.text === '<>' ? '!=' : (t.text as '=' | '!=' | '<' | '<=' | '>' | '>=');
      return { kind: 'compare', op, left, right: this.primary() };
    }
    if (t.kind === 'keyword' && UNSUPPORTED.has(t.text)) this.fail(t, true);
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('LIKE')) return { kind: 'like', expr: left, pattern: this.primary(), negated };
    if (this.acceptKeyword('IN')) {
      this.expectOp('(');
      if (this.peek().kind === 'keyword' && this.peek().text === 'SELECT') this.fail(this.peek(), true);
      const list: Expr[] = [this.primary()];
      while (this.acceptOp(',')) list.push(this.primary());
      this.expectOp(')');
      return { kind: 'in', expr: left, list, negated };
    }
    if (negated) this.fail(this.peek());
    if (this.acceptKeyword('IS')) {
      const isNot = this.acceptKeyword('NOT');
      this.expectKeyword('NULL');
      return { kind: 'is_null', expr: left, negated: isNot };
    }
    return left;
  }

  private primary(): Expr {
    const t = this.advance();
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: Number(t.text) };
      case 'string':
        return { kind: 'literal', value: t.text };
      case 'keyword':
        if (t.text === 'NULL') return { kind: 'literal', value: null };
        if (t.text === 'TRUE') return { kind: 'literal', value: 1 };
        if (t.text === 'FALSE') return { kind: 'literal', value: 0 };
        return this.fail(t, UNSUPPORTED.has(t.text) || t.text === 'SELECT');
      case 'ident': {
        if (this.acceptOp('(')) return this.call(t.text.toLowerCase());
        if (this.acceptOp('.')) return { kind: 'column', name: this.identifier() };
        return { kind: 'column', name: t.text };
      }
      case 'op':
        if (t.text === '-' && this.peek().kind === 'number') return { kind: 'literal', value: -Number(this.advance().text) };
        if (t.text === '(') {
          if (this.peek().kind === 'keyword' && this.peek().text === 'SELECT') this.fail(this.peek(), true);
          const inner = this.expr();
          this.expectOp(')');
          return inner;
        }
        return this.fail(t);
      case 'end':
        return this.fail(t);
    }
  }

  private call(name: string): Expr {
    if (this.acceptOp('*')) {
      this.expectOp(')');
      return { kind: 'call', name, args: [], star: true };
    }
    const args: Expr[] = [];
    if (!this.acceptOp(')')) {
      do args.push(this.expr());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    return { kind: 'call', name, args, star: false };
  }

  private identifier(): string {
    const t = this.advance();
    if (t.kind !== 'ident') this.fail(t);
    return t.text;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private advance(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  private acceptKeyword(word: string): boolean {
    const t = this.peek();
    if (t.kind === 'keyword' && t.text === word) { this.pos++; return true; }
    return false;
  }

  private acceptOp(op: string): boolean {
    const t = this.peek();
    if (t.kind === 'op' && t.text === op) { this.pos++; return true; }
    return false;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) this.fail(this.peek());
  }

  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(this.peek());
  }

  /** SQLite reports `near "<token>": syntax error`, or `incomplete input` at the end of the text. */
  private fail(t: Token, unsupported = false): never {
    if (t.kind === 'end') throw new SqlError('incomplete input');
    const near = this.sql.slice(t.start, t.end);
    throw new SqlError(unsupported ? `near "${near}": syntax error (not supported by the agent simulator)` : `near "${near}": syntax error`);
  }
}
