import type { QueryDto } from '@fleet/contracts';
import type { QueryRecord } from '@fleet/persistence';
import { rfc3339 } from '../core/time.mapper';

type Row = Readonly<Record<string, unknown>>;

/** Fleet's query object; `stats` are not collected yet, so they read as zero executions. */
export function toQueryDto(q: QueryRecord, packs: readonly Row[] = []): QueryDto {
  return {
    created_at: rfc3339(q.createdAt), updated_at: rfc3339(q.updatedAt), id: q.id, name: q.name, description: q.description, query: q.query,
    team_id: q.teamId, interval: q.interval, platform: q.platform, min_osquery_version: q.minOsqueryVersion,
    automations_enabled: q.automationsEnabled, logging: q.logging, saved: true, observer_can_run: q.observerCanRun, discard_data: q.discardData,
    author_id: q.authorId, author_name: q.authorName, author_email: q.authorEmail,
    packs: packs.map((p) => ({
      id: Number(p['id']), name: String(p['name']), description: String(p['description']), platform: String(p['platform']),
      disabled: Number(p['disabled']) === 1, created_at: rfc3339(p['created_at'] as Date), updated_at: rfc3339(p['updated_at'] as Date),
    })),
    stats: { total_executions: 0 },
  };
}
