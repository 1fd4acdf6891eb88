import type { QueryReportMessage } from '@fleet/contracts';
import { classifyResultLogLine, jsonText, parseScheduledQueryName } from '@fleet/domain';
import type { AgentHost, AgentScheduledQuery } from '@fleet/domain';

/** A result line on its way to the destinations, with the `name` it carries (for routing by query and pack). */
export interface ForwardedLine {
  readonly line: string;
  readonly name: string;
}

export interface ProcessedResults {
  /** Raw records (with `query_id` added for known queries) to send to the result destinations. */
  readonly forward: ForwardedLine[];
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
 * Lines are taken one at a time (`add`, then `finish`), so a caller can give the event loop back between them.
 */
export class ResultLineProcessor {
  private readonly byScope = new Map<string, AgentScheduledQuery>();
  private readonly forward: ForwardedLine[] = [];
  private readonly snapshots = new Map<number, { at: number; rows: Array<Record<string, string>> }>();
  private dropped = 0;

  constructor(private readonly host: AgentHost, scheduled: readonly AgentScheduledQuery[], private readonly now: number) {
    for (const q of scheduled) this.byScope.set(`${q.teamId ?? 'global'}/${q.name}`, q);
  }

  add(raw: unknown): void {
    const line = classifyResultLogLine(raw);
    if (line.format === 'invalid') {
      this.dropped += 1;
      return;
    }
    const ref = parseScheduledQueryName(line.name);
    const query = ref.scope === 'global' ? this.byScope.get(`global/${ref.queryName}`) : ref.scope === 'team' ? this.byScope.get(`${ref.teamId}/${ref.queryName}`) : undefined;
    if (ref.scope === 'team' && ref.teamId !== this.host.teamId) {
      this.dropped += 1;
      return;
    }
    if (!query) {
      this.forward.push({ line: jsonText(raw), name: line.name });
      return;
    }
    if (query.logging === 'snapshot' && !query.discardData && (line.format === 'snapshot' || line.format === 'snapshot_event')) {
      const at = (line.unixTime ?? this.now / 1000) * 1000;
      const current = this.snapshots.get(query.id);
      const rows = line.format === 'snapshot' ? line.rows : [line.row];
      if (!current || current.at < at) this.snapshots.set(query.id, { at, rows: [...rows] });
      else if (current.at === at && line.format === 'snapshot_event') current.rows.push(line.row);
    }
    if (query.automationsEnabled) this.forward.push({ line: jsonText({ ...(raw as Record<string, unknown>), query_id: query.id }), name: line.name });
  }

  finish(): ProcessedResults {
    const reports = [...this.snapshots].map(([queryId, s]) => ({ queryId, hostId: this.host.id, at: s.at, rows: s.rows }));
    return { forward: this.forward, reports, dropped: this.dropped };
  }
}
