import { useCallback, useEffect, useRef, useState } from 'react';
import { followCampaign } from '../api/campaign-events';
import type { CampaignStatus, ResultMessage, Totals } from '../api/campaign-events';
import { liveQueryApi } from '../api/live-query.api';
import type { Selection } from '../components/target-picker';

export type Row = Record<string, string>;
export interface HostError { readonly host: string; readonly hostId: number; readonly error: string }

export interface Campaign {
  readonly id: number | null;
  readonly totals: Totals | null;
  readonly status: CampaignStatus | null;
  /** Every row so far; the array grows in place, `rowCount` changes with it. */
  readonly rows: readonly Row[];
  readonly rowCount: number;
  readonly errors: readonly HostError[];
  /** Why the campaign could not start or its stream failed: one short line. */
  readonly failure: string | null;
  /** Results are still expected (the Stop button shows only then). */
  readonly running: boolean;
}

const IDLE: Campaign = { id: null, totals: null, status: null, rows: [], rowCount: 0, errors: [], failure: null, running: false };

/** A server message cut to one line of at most 300 characters (osquery's errors can run to hundreds of lines). */
export function shortError(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/**
 * A live query campaign: start (POST /queries/run), follow its results stream, stop. `resumeId` (from the URL)
 * follows a campaign this page started before a reload, from the start of its stream, so its rows come back.
 * Rows are appended in place (no copy of the whole list per host's answer).
 */
export function useLiveCampaign(resumeId: number | null) {
  const [campaign, setCampaign] = useState<Campaign>(IDLE);
  const close = useRef<(() => void) | null>(null);

  const follow = useCallback((id: number) => {
    close.current?.();
    const rows: Row[] = [];
    setCampaign({ ...IDLE, id, rows, running: true });
    close.current = followCampaign(id, {
      totals: (totals) => setCampaign((c) => ({ ...c, totals })),
      status: (status) => setCampaign((c) => ({ ...c, status, running: status.ended === undefined && c.running })),
      result: (r: ResultMessage) => setCampaign((c) => {
        const host = r.host.display_name || r.host.hostname;
        if (r.error) return { ...c, errors: [...c.errors, { host, hostId: r.host.id, error: shortError(r.error) }] };
        for (const row of r.rows) rows.push(row);
        return { ...c, rowCount: rows.length };
      }),
      error: (message) => setCampaign((c) => ({ ...c, failure: shortError(message), running: false })),
      ended: () => setCampaign((c) => ({ ...c, running: false })),
    });
  }, []);

  useEffect(() => {
    if (resumeId !== null) follow(resumeId);
    return () => close.current?.();
  }, [resumeId, follow]);

  const start = useCallback(async (sql: string, selected: Selection): Promise<number | null> => {
    close.current?.();
    setCampaign(IDLE);
    try {
      const res = await liveQueryApi.run({ query: sql, selected: { hosts: selected.hosts.map((h) => h.id), labels: selected.labels.map((l) => l.id), teams: selected.teams.map((t) => t.id) } });
      return res.campaign.id;
    } catch (e) {
      setCampaign({ ...IDLE, failure: shortError((e as Error).message) });
      return null;
    }
  }, []);

  const stop = useCallback(async () => {
    const id = campaign.id;
    close.current?.();
    setCampaign((c) => ({ ...c, running: false }));
    if (id !== null) await liveQueryApi.stop(id).catch(() => undefined);
  }, [campaign.id]);

  return { campaign, start, follow, stop };
}
