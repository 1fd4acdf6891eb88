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

/**
 * Why the campaign should end now, or null to keep it running: every online target answered ('completed';
 * with no online target there is nothing to wait for), or the deadline passed ('timed_out').
 */
export function endReason(online: number, p: CampaignProgress, createdAtMs: number, nowMs: number, timeoutMs: number): CampaignEndReason | null {
  if (p.responded >= online) return 'completed';
  if (nowMs - createdAtMs >= timeoutMs) return 'timed_out';
  return null;
}
