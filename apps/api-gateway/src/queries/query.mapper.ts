import type { QueryDto } from '@fleet/contracts';
import type { QueryPack, QueryReportRow, SavedQuery } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

/** Fleet's query object; `stats` are not collected yet, so they read as zero executions. */
export function toQueryDto(q: SavedQuery, packs: readonly QueryPack[] = []): QueryDto {
  return {
    created_at: rfc3339(q.createdAt), updated_at: rfc3339(q.updatedAt), id: q.id, name: q.name, description: q.description, query: q.query,
    team_id: q.teamId, interval: q.interval, platform: q.platform, min_osquery_version: q.minOsqueryVersion,
    automations_enabled: q.automationsEnabled, logging: q.logging, saved: true, observer_can_run: q.observerCanRun, discard_data: q.discardData,
    author_id: q.authorId, author_name: q.authorName, author_email: q.authorEmail,
    packs: packs.map((p) => ({
      id: p.id, name: p.name, description: p.description, platform: p.platform, disabled: p.disabled,
      created_at: rfc3339(p.createdAt), updated_at: rfc3339(p.updatedAt),
    })),
    stats: { system_time_p50: null, system_time_p95: null, user_time_p50: null, user_time_p95: null, total_executions: null },
  };
}

/** One row of a query report. */
export function toReportRowDto(x: QueryReportRow) {
  return { host_id: x.hostId, host_name: x.hostName, last_fetched: rfc3339(x.lastFetched), columns: x.data };
}
