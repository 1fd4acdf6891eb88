import type { QueryReportMessage } from '@fleet/contracts';
import { classifyResultLogLine, jsonText, parseScheduledQueryName } from '@fleet/domain';
import type { AgentHost, AgentScheduledQuery } from '@fleet/domain';

export interface ProcessedResults {
  /** Raw records (with `query_id` added for known queries) to send to the result destination. */
  readonly forward: string[];
  /** The latest snapshot per known snapshot query, for the query reports. */
  readonly reports: QueryReportMessage[];
  readonly dropped: number;
}

/**
 * Fleet's result-log handling (protocol §4.5): lines that are not objects or have no name are dropped;
 * results of a known query that is not on this host's schedule (another team's) are dropped; the latest
 * snapshot of each known snapshot query (not `discard_data`) replaces the host's report; lines of queries
 * with automations off are kept out of the log destination. Unknown names pass through untouched. Lines are
 * written back with jsonText, so a line nested deeper than JSON.stringify can go still reaches the destination.
 */
export function processResultLines(host: AgentHost, lines: readonly unknown[], scheduled: readonly AgentScheduledQuery[], now: number): ProcessedResults {
  const byScope = new Map<string, AgentScheduledQuery>();
  for (const q of scheduled) byScope.set(`${q.teamId ?? 'global'}/${q.name}`, q);
  const forward: string[] = [];
  const snapshots = new Map<number, { at: number; rows: Array<Record<string, string>> }>();
  let dropped = 0;

  for (const raw of lines) {
    const line = classifyResultLogLine(raw);
    if (line.format === 'invalid') {
      dropped += 1;
      continue;
    }
    const ref = parseScheduledQueryName(line.name);
    const query = ref.scope === 'global' ? byScope.get(`global/${ref.queryName}`) : ref.scope === 'team' ? byScope.get(`${ref.teamId}/${ref.queryName}`) : undefined;
    if (ref.scope === 'team' && ref.teamId !== host.teamId) {
      dropped += 1;
      continue;
    }
    if (!query) {
      forward.push(jsonText(raw));
      continue;
    }
    if (query.logging === 'snapshot' && !query.discardData && (line.format === 'snapshot' || line.format === 'snapshot_event')) {
      const at = (line.unixTime ?? now / 1000) * 1000;
      const current = snapshots.get(query.id);
      const rows = line.format === 'snapshot' ? line.rows : [line.row];
      if (!current || current.at < at) snapshots.set(query.id, { at, rows: [...rows] });
      else if (current.at === at && line.format === 'snapshot_event') current.rows.push(line.row);
    }
    if (query.automationsEnabled) forward.push(jsonText({ ...(raw as Record<string, unknown>), query_id: query.id }));
  }
  const reports = [...snapshots].map(([queryId, s]) => ({ queryId, hostId: host.id, at: s.at, rows: s.rows }));
  return { forward, reports, dropped };
}
