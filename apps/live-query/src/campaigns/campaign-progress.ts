import type { CampaignEndReason, CampaignMeta, CampaignStreamEntry } from '@fleet/messaging';

/** The counters the supervisor keeps per campaign (mirrors the meta hash). */
export interface CampaignProgress {
  readonly responded: number;
  readonly failed: number;
  readonly rows: number;
  readonly firstAtMs: number | null;
  readonly lastAtMs: number | null;
}

export const progressOf = (m: CampaignMeta): CampaignProgress => ({ responded: m.responded, failed: m.failed, rows: m.rows, firstAtMs: m.firstAtMs, lastAtMs: m.lastAtMs });

/**
 * Folds new stream entries into the counters. Every `result` entry counts as a response (as in Fleet, a host
 * answering twice counts twice; the ingest script clears the host's bit so that is rare); an entry with an
 * error counts as failed; `rows` adds the rows returned.
 */
export function addEntries(p: CampaignProgress, entries: readonly CampaignStreamEntry[]): CampaignProgress {
  let { responded, failed, rows, firstAtMs, lastAtMs } = p;
  for (const { event } of entries) {
    if (event.type !== 'result') continue;
    responded++;
    if (event.error) failed++;
    rows += event.rows.length;
    firstAtMs ??= event.at;
    lastAtMs = Math.max(lastAtMs ?? event.at, event.at);
  }
  return { responded, failed, rows, firstAtMs, lastAtMs };
}

/** The answers a campaign waits for: its online targets (Fleet's), or every target for a waiting campaign. */
export const expectedAnswers = (m: Pick<CampaignMeta, 'online' | 'count' | 'waitUntilMs'>): number => (m.waitUntilMs === null ? m.online : m.count);

/**
 * Why the campaign should end now, or null to keep it running: every expected target answered ('completed';
 * with none expected there is nothing to wait for), or the deadline passed ('timed_out'): `live_query.campaign_timeout`
 * after launch, or a waiting campaign's own deadline.
 */
export function endReason(m: Pick<CampaignMeta, 'online' | 'count' | 'waitUntilMs' | 'createdAtMs'>, p: CampaignProgress, nowMs: number, timeoutMs: number): CampaignEndReason | null {
  if (p.responded >= expectedAnswers(m)) return 'completed';
  const deadline = m.waitUntilMs ?? m.createdAtMs + timeoutMs;
  if (nowMs >= deadline) return 'timed_out';
  return null;
}
