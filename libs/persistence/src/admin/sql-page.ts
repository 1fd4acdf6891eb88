import { ownEntry } from '@fleet/domain';
import type { ListOptions, Page } from '@fleet/domain';

/**
 * ORDER BY and LIMIT for a list. `allowed` maps the public order keys to SQL expressions, so a caller's
 * order_key never reaches SQL text; unknown keys fall back to `fallback`. One extra row is fetched so the
 * caller can tell whether a next page exists.
 */
export function orderAndLimit(opts: ListOptions, allowed: Readonly<Record<string, string>>, fallback: string): string {
  const column = ownEntry(allowed, opts.orderKey) ?? fallback;
  const dir = opts.orderDirection === 'desc' ? 'DESC' : 'ASC';
  const limit = opts.perPage > 0 ? ` LIMIT ${opts.perPage + 1} OFFSET ${opts.page * opts.perPage}` : '';
  return ` ORDER BY ${column} ${dir}${limit}`;
}

export function toPage<T>(rows: T[], opts: ListOptions): Page<T> {
  const hasNext = opts.perPage > 0 && rows.length > opts.perPage;
  return { items: hasNext ? rows.slice(0, opts.perPage) : rows, hasNext, hasPrevious: opts.page > 0 && opts.perPage > 0 };
}

/** `%term%` for LIKE with the wildcard characters of the term escaped. */
export function likeTerm(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const bool = (v: unknown): boolean => v === 1 || v === true || v === '1';
