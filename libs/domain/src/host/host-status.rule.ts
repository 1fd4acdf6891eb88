/** Fleet's `OnlineIntervalBuffer`: slack added to the host's check-in interval before it counts as offline. */
export const ONLINE_INTERVAL_BUFFER_SECONDS = 60;
/** Not seen for this long → "missing" (formerly "mia"). */
export const MISSING_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
/** Created within this window → "new" (orthogonal to online/offline). */
export const NEW_HOST_WINDOW_MS = 24 * 60 * 60 * 1000;

export type HostStatus = 'online' | 'offline' | 'missing';

/**
 * Fleet's rule: online while `seenAt + LEAST(distributed_interval, config_tls_refresh) + 60 s > now`
 * (strictly). Intervals are in seconds as stored per host; both are 0 until a config or `osquery_flags`
 * has been seen, which leaves only the 60 s buffer. Negative or non-finite intervals count as 0.
 */
export function isHostOnline(
  seenAt: Date,
  now: Date,
  distributedIntervalSeconds: number,
  configTlsRefreshSeconds: number,
): boolean {
  const least = Math.min(sanitizeSeconds(distributedIntervalSeconds), sanitizeSeconds(configTlsRefreshSeconds));
  const windowMs = (least + ONLINE_INTERVAL_BUFFER_SECONDS) * 1000;
  return seenAt.getTime() + windowMs > now.getTime();
}

export interface HostStatusFacts {
  /** Last authenticated agent request; null when never seen (Fleet falls back to created_at). */
  readonly seenAt: Date | null;
  readonly createdAt: Date;
  readonly distributedInterval: number;
  readonly configTlsRefresh: number;
}

export function hostStatus(host: HostStatusFacts, now: Date): HostStatus {
  const seenAt = host.seenAt ?? host.createdAt;
  if (isHostOnline(seenAt, now, host.distributedInterval, host.configTlsRefresh)) return 'online';
  if (now.getTime() - seenAt.getTime() >= MISSING_AFTER_MS) return 'missing';
  return 'offline';
}

/** Fleet: `created_at >= NOW() - 1 day`, inclusive at the boundary. */
export function isHostNew(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() <= NEW_HOST_WINDOW_MS;
}

function sanitizeSeconds(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
