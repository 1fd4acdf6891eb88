/** How often an agent checks in, in seconds, as its config sets them; they decide when the host counts as offline. */
export interface CheckInIntervals {
  readonly distributed: number;
  readonly configRefresh: number;
  readonly loggerPeriod: number;
}

/** The intervals as one comparable value (AgentHost.intervals): `distributed/config refresh/logger period`. */
export function intervalsKey(i: CheckInIntervals): string {
  return `${i.distributed}/${i.configRefresh}/${i.loggerPeriod}`;
}

/** A stored key with some intervals replaced: what the host stores once `set` is written. */
export function intervalsKeyWith(stored: string, set: Partial<CheckInIntervals>): string {
  const [distributed = 0, configRefresh = 0, loggerPeriod = 0] = stored.split('/').map(Number);
  return intervalsKey({ distributed, configRefresh, loggerPeriod, ...set });
}
