/**
 * Whether detail, label or policy queries are due again. Fleet adds a per-host jitter of up to
 * `max_jitter_percent` of the interval so that hosts enrolled together do not refresh together.
 *
 * `random` must be in [0, 1); pass `stableJitterFraction(hostId)` for a jitter that stays the same for a host
 * across check-ins (Fleet hashes the host into a bucket), or an injected random source.
 * Due strictly after `lastUpdatedAt + interval + jitter`; a null `lastUpdatedAt` is always due.
 */
export function isRefreshDue(
  lastUpdatedAt: Date | null,
  now: Date,
  intervalMs: number,
  jitterPct: number,
  random: number,
): boolean {
  if (lastUpdatedAt === null) return true;
  const dueAt = lastUpdatedAt.getTime() + intervalMs + refreshJitterMs(intervalMs, jitterPct, random);
  return now.getTime() > dueAt;
}

/** Jitter in whole milliseconds, within [0, intervalMs × jitterPct / 100). Out-of-range inputs are clamped. */
export function refreshJitterMs(intervalMs: number, jitterPct: number, random: number): number {
  const pct = clamp(jitterPct, 0, 100);
  const r = clamp(random, 0, 0.999999999);
  return Math.floor(Math.max(0, intervalMs) * (pct / 100) * r);
}

/** Deterministic fraction in [0, 1) for a host id (FNV-1a), so a host keeps its jitter bucket. */
export function stableJitterFraction(hostId: number | string): number {
  let hash = 0x811c9dc5;
  for (const ch of String(hostId)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x100000000;
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, value));
}
