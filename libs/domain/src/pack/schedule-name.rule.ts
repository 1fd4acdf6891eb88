/**
 * The name a query gets when it is scheduled in a pack: `name`, or `name-1`, `name-2`, … , the first that is
 * free in the pack (Fleet's findNextNameForQuery), so the same query can be scheduled twice with other options.
 */
export function nextFreeName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let i = 1; ; i++) if (!taken.includes(`${name}-${i}`)) return `${name}-${i}`;
}
