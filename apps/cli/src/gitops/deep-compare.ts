/** What the server shows instead of a stored password (GET /config); such a value cannot be compared. */
export const MASKED = '********';

/**
 * Whether `current` already holds everything `desired` says: objects are compared key by key for the keys the
 * desired value names (the server fills in defaults for the rest), arrays and scalars must be equal, and a
 * masked value on the server side counts as equal to any non-empty desired value.
 */
export function covers(current: unknown, desired: unknown): boolean {
  if (current === MASKED && typeof desired === 'string' && desired !== '') return true;
  if (Array.isArray(desired)) return Array.isArray(current) && current.length === desired.length && desired.every((d, i) => deepEqual(current[i], d));
  if (desired !== null && typeof desired === 'object') {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    return Object.entries(desired).every(([k, v]) => covers((current as Record<string, unknown>)[k], v));
  }
  return current === desired || (current === undefined && desired === null);
}

/** Structural equality of JSON values (key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** The dotted paths (two levels deep at most) where `current` does not cover `desired`, for messages. */
export function differingPaths(current: unknown, desired: Record<string, unknown>, prefix = '', depth = 2): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(desired)) {
    const cur = (current as Record<string, unknown> | null | undefined)?.[k];
    if (covers(cur, v)) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (depth > 1 && v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) {
      out.push(...differingPaths(cur, v as Record<string, unknown>, path, depth - 1));
    } else out.push(path);
  }
  return out;
}

/** Same members, whatever the order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}
