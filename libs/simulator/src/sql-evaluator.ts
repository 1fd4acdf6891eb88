import type { Row } from './host-platform';
import type { TableSet } from './host-tables';
import { type Expr, type SelectStatement, SqlError } from './sql-ast';
import { parseSelect } from './sql-parser';

export type SqlResult = { readonly ok: true; readonly rows: Row[] } | { readonly ok: false; readonly message: string };

type Value = string | number | null;

const AGGREGATES = new Set(['count', 'max', 'min', 'sum']);

/**
 * Runs one SELECT against a host's table model. Failures carry the message osquery would put in the
 * distributed write `messages` map (`no such table: foo`, `no such column: bar`, `near "x": syntax error`).
 * Output values are strings, as osquery serializes distributed rows.
 */
export function evaluateSql(sql: string, tables: TableSet): SqlResult {
  try {
    return { ok: true, rows: execute(parsedSelect(sql), tables) };
  } catch (err) {
    if (err instanceof SqlError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Statements by text: every host runs the same few detail, label and policy queries, so each is parsed once. */
const PARSED_LIMIT = 4096;
const parsed = new Map<string, SelectStatement | SqlError>();

/** The parse of `sql`, shared (statements are never changed by `execute`); a syntax error is kept and thrown again. */
function parsedSelect(sql: string): SelectStatement {
  let stmt = parsed.get(sql);
  if (stmt === undefined) {
    try {
      stmt = parseSelect(sql);
    } catch (err) {
      if (!(err instanceof SqlError)) throw err;
      stmt = err;
    }
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(sql, stmt);
  }
  if (stmt instanceof SqlError) throw stmt;
  return stmt;
}

function execute(stmt: SelectStatement, tables: TableSet): Row[] {
  let source: Row[] = [{}];
  let columns: readonly string[] = [];
  if (stmt.from !== undefined) {
    const table = tables.get(stmt.from);
    if (!table) throw new SqlError(`no such table: ${stmt.from}`);
    columns = table.columns;
    source = table.rows();
  }
  const known = new Set(columns);
  checkColumns(stmt, known);
  let rows = stmt.where ? source.filter((r) => truthy(evalExpr(stmt.where as Expr, r))) : source;
  if (stmt.orderBy.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const { expr, desc } of stmt.orderBy) {
        const va = evalExpr(expr, a);
        const vb = evalExpr(expr, b);
        // SQLite sorts NULL first.
        const c = va === null || vb === null ? (va === null ? (vb === null ? 0 : -1) : 1) : compareValues(va, vb);
        if (c !== 0) return desc ? -c : c;
      }
      return 0;
    });
  }
  const aggregate = stmt.items.some((i) => i.kind === 'expr' && i.expr.kind === 'call' && AGGREGATES.has(i.expr.name));
  let out = aggregate ? [project(stmt, rows, columns, rows)] : rows.map((r) => project(stmt, [r], columns, rows));
  if (stmt.distinct) {
    const seen = new Set<string>();
    out = out.filter((r) => (seen.has(JSON.stringify(r)) ? false : (seen.add(JSON.stringify(r)), true)));
  }
  return stmt.limit === undefined ? out : out.slice(0, stmt.limit);
}

function project(stmt: SelectStatement, group: Row[], columns: readonly string[], all: Row[]): Row {
  const first = group[0] ?? {};
  const out: Row = {};
  for (const item of stmt.items) {
    if (item.kind === 'star') {
      for (const c of columns) out[c] = first[c] ?? '';
      continue;
    }
    const value = item.expr.kind === 'call' && AGGREGATES.has(item.expr.name) ? aggregateValue(item.expr, all) : evalExpr(item.expr, first);
    out[item.label] = value === null ? '' : String(value);
  }
  return out;
}

function aggregateValue(expr: Extract<Expr, { kind: 'call' }>, rows: Row[]): Value {
  if (expr.name === 'count') return expr.star ? rows.length : rows.filter((r) => evalExpr(expr.args[0] ?? nullLit, r) !== null).length;
  const values = rows.map((r) => evalExpr(expr.args[0] ?? nullLit, r)).filter((v): v is string | number => v !== null);
  if (values.length === 0) return null;
  if (expr.name === 'sum') return values.reduce<number>((s, v) => s + Number(v), 0);
  return values.reduce((best, v) => (compareValues(v, best) * (expr.name === 'max' ? 1 : -1) > 0 ? v : best));
}

const nullLit: Expr = { kind: 'literal', value: null };

function checkColumns(stmt: SelectStatement, known: ReadonlySet<string>): void {
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'column':
        if (!known.has(e.name)) throw new SqlError(`no such column: ${e.name}`);
        return;
      case 'literal':
        return;
      case 'compare':
      case 'logical':
        visit(e.left);
        visit(e.right);
        return;
      case 'not':
        visit(e.expr);
        return;
      case 'like':
        visit(e.expr);
        visit(e.pattern);
        return;
      case 'in':
        visit(e.expr);
        e.list.forEach(visit);
        return;
      case 'is_null':
        visit(e.expr);
        return;
      case 'call':
        if (!['count', 'max', 'min', 'sum', 'lower', 'upper', 'length', 'coalesce', 'ifnull', 'cast'].includes(e.name)) {
          throw new SqlError(`no such function: ${e.name}`);
        }
        e.args.forEach(visit);
        return;
    }
  };
  for (const item of stmt.items) if (item.kind === 'expr') visit(item.expr);
  if (stmt.where) visit(stmt.where);
  for (const o of stmt.orderBy) visit(o.expr);
}

function evalExpr(e: Expr, row: Row): Value {
  switch (e.kind) {
    case 'column':
      return row[e.name] ?? null;
    case 'literal':
      return e.value;
    case 'compare': {
      const l = evalExpr(e.left, row);
      const r = evalExpr(e.right, row);
      if (l === null || r === null) return null;
      const c = compareValues(l, r);
      switch (e.op) {
        case '=': return c === 0 ? 1 : 0;
        case '!=': return c !== 0 ? 1 : 0;
        case '<': return c < 0 ? 1 : 0;
        case '<=': return c <= 0 ? 1 : 0;
        case '>': return c > 0 ? 1 : 0;
        case '>=': return c >= 0 ? 1 : 0;
      }
      return null;
    }
    case 'logical': {
      const l = truthy(evalExpr(e.left, row));
      if (e.op === 'and') return l && truthy(evalExpr(e.right, row)) ? 1 : 0;
      return l || truthy(evalExpr(e.right, row)) ? 1 : 0;
    }
    case 'not':
      return truthy(evalExpr(e.expr, row)) ? 0 : 1;
    case 'like': {
      const v = evalExpr(e.expr, row);
      const p = evalExpr(e.pattern, row);
      if (v === null || p === null) return null;
      return likeMatches(String(v), String(p)) !== e.negated ? 1 : 0;
    }
    case 'in': {
      const v = evalExpr(e.expr, row);
      if (v === null) return null;
      const hit = e.list.some((item) => { const x = evalExpr(item, row); return x !== null && compareValues(v, x) === 0; });
      return hit !== e.negated ? 1 : 0;
    }
    case 'is_null':
      return (evalExpr(e.expr, row) === null) !== e.negated ? 1 : 0;
    case 'call':
      return evalScalar(e, row);
  }
}

function evalScalar(e: Extract<Expr, { kind: 'call' }>, row: Row): Value {
  const args = e.args.map((a) => evalExpr(a, row));
  const a0 = args[0] ?? null;
  switch (e.name) {
    case 'lower': return a0 === null ? null : String(a0).toLowerCase();
    case 'upper': return a0 === null ? null : String(a0).toUpperCase();
    case 'length': return a0 === null ? null : String(a0).length;
    case 'coalesce':
    case 'ifnull': return args.find((a) => a !== null) ?? null;
    default: return a0;
  }
}

/** osquery columns are typed; a text column compared with a numeric literal compares numerically, like SQLite affinity. */
function compareValues(a: string | number, b: string | number): number {
  const na = typeof a === 'number' ? a : numeric(a);
  const nb = typeof b === 'number' ? b : numeric(b);
  if ((typeof a === 'number' || typeof b === 'number') && na !== null && nb !== null) return na - nb;
  if (typeof a === 'string' && typeof b === 'string' && na !== null && nb !== null) return na - nb;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function numeric(s: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : null;
}

function truthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  const n = numeric(v);
  return n !== null ? n !== 0 : false;
}

/** SQLite LIKE: `%` and `_` wildcards, ASCII case-insensitive. */
export function likeMatches(value: string, pattern: string): boolean {
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'is').test(value);
}
