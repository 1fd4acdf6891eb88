/**
 * The entry of an allow-list (a plain object literal) for a key a caller or an agent chose, from the list's own
 * entries only: `toString`, `constructor` or `__proto__` must not find Object.prototype's members. As an order key
 * one would reach SQL text (a 500); as a software source it would become part of a CPE.
 */
export function ownEntry<T>(allowed: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(allowed, key) ? allowed[key] : undefined;
}
