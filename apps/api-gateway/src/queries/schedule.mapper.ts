import type { ScheduleEntryDto } from '@fleet/contracts';
import type { SavedQuery } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

/**
 * A saved query as an entry of a schedule, as Fleet's ScheduledQueryFromQuery shows it: the query's id twice,
 * no pack, the logging mode as `snapshot`/`removed`, and performance stats that are not collected yet (null).
 */
export function toScheduleEntryDto(q: SavedQuery): ScheduleEntryDto {
  return {
    created_at: rfc3339(q.createdAt), updated_at: rfc3339(q.updatedAt), id: q.id, pack_id: 0, name: q.name, query_id: q.id, query_name: q.name,
    query: q.query, description: q.description, interval: q.interval, snapshot: q.logging === 'snapshot', removed: q.logging === 'differential',
    platform: q.platform, version: q.minOsqueryVersion, shard: null, denylist: null,
    stats: { system_time_p50: null, system_time_p95: null, user_time_p50: null, user_time_p95: null, total_executions: null },
  };
}
