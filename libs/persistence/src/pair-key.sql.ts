/**
 * A `WHERE` condition that matches rows by a two-column key, for a list of [first, second] pairs: one
 * `(first = ? AND second IN (?))` group per distinct first value, joined by OR, with its parameters.
 *
 * Not the row-constructor list `(first, second) IN ((1, 2), …)`: MariaDB 10.11 resolves such a list of a single
 * pair by scanning the whole table (EXPLAIN type ALL), and agents' label writes mostly delete one membership
 * at a time, so every such DELETE read the whole of `label_membership` (80,000 rows at 10,000 hosts). The
 * grouped form is a range on the key for one pair as for many.
 */
export function pairKeyCondition<A extends string | number, B extends string | number>(
  first: string, second: string, pairs: ReadonlyArray<readonly [A, B]>,
): [sql: string, params: unknown[]] {
  if (pairs.length === 0) throw new Error('pairKeyCondition needs at least one pair');
  const groups = new Map<A, B[]>();
  for (const [a, b] of pairs) {
    const list = groups.get(a);
    if (list) list.push(b);
    else groups.set(a, [b]);
  }
  const params: unknown[] = [];
  for (const [a, bs] of groups) params.push(a, bs);
  return [[...groups.keys()].map(() => `(${first} = ? AND ${second} IN (?))`).join(' OR '), params];
}
