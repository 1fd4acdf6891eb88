import type { PackDto, ScheduledQueryDto } from '@fleet/contracts';
import type { PackRecord, ScheduledQueryRecord } from '@fleet/persistence';
import { rfc3339 } from '../core/time.mapper';
import type { PackSpecView } from './pack-spec.service';

/** Fleet's pack object; `type` is null because this server has no hidden global/team schedule packs. */
export function toPackDto(p: PackRecord): PackDto {
  return {
    created_at: rfc3339(p.createdAt), updated_at: rfc3339(p.updatedAt), id: p.id, name: p.name, description: p.description, platform: p.platform,
    disabled: p.disabled, type: null, query_count: p.queryCount, total_hosts_count: p.totalHostsCount,
    host_ids: [...p.hostIds], label_ids: [...p.labelIds], team_ids: [...p.teamIds],
  };
}

/** Empty platform and version columns read as null ("any"), as Fleet answers for unset options. */
export function toScheduledDto(s: ScheduledQueryRecord): ScheduledQueryDto {
  return {
    created_at: rfc3339(s.createdAt), updated_at: rfc3339(s.updatedAt), id: s.id, pack_id: s.packId, name: s.name, query_id: s.queryId,
    query_name: s.queryName, query: s.query, description: s.description, interval: s.interval, snapshot: s.snapshot, removed: s.removed,
    platform: s.platform || null, version: s.version || null, shard: s.shard, denylist: s.denylist,
  };
}

export function toPackSpec(v: PackSpecView) {
  return {
    id: v.pack.id, name: v.pack.name, description: v.pack.description, platform: v.pack.platform, disabled: v.pack.disabled,
    targets: { labels: v.labels, teams: v.teams },
    queries: v.scheduled.map((s) => ({
      query: s.queryName, name: s.name, description: s.description, interval: s.interval, snapshot: s.snapshot, removed: s.removed,
      platform: s.platform || null, version: s.version || null, shard: s.shard, denylist: s.denylist,
    })),
  };
}
