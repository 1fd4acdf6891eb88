import type { Expr } from './sql-ast';
import { parseSelect } from './sql-parser';

/**
 * Recognises osquery's carve trigger (§7.1): `SELECT ... FROM carves WHERE carve = 1 AND path = '<p>'`
 * (or `path LIKE '<glob>'`). Returns the requested path, or undefined for a plain read of the carves table.
 */
export function carveRequestPath(sql: string): string | undefined {
  let where: Expr | undefined;
  try {
    const stmt = parseSelect(sql);
    if (stmt.from !== 'carves') return undefined;
    where = stmt.where;
  } catch {
    return undefined;
  }
  if (!where) return undefined;
  const terms = conjuncts(where);
  const carveOn = terms.some((t) => t.kind === 'compare' && t.op === '=' && isColumn(t.left, 'carve') && t.right.kind === 'literal' && Number(t.right.value) === 1);
  if (!carveOn) return undefined;
  for (const t of terms) {
    if (t.kind === 'compare' && t.op === '=' && isColumn(t.left, 'path') && t.right.kind === 'literal') return String(t.right.value);
    if (t.kind === 'like' && !t.negated && isColumn(t.expr, 'path') && t.pattern.kind === 'literal') return String(t.pattern.value);
  }
  return undefined;
}

function conjuncts(e: Expr): Expr[] {
  return e.kind === 'logical' && e.op === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

function isColumn(e: Expr, name: string): boolean {
  return e.kind === 'column' && e.name === name;
}
