import type { z } from 'zod';
import type { modifyPackRequestSchema, modifyScheduledQueryRequestSchema, PackDto, ScheduledQueryDto } from '@fleet/contracts';
import type { Pack, PackFields, PackTargets, ScheduledQuery, ScheduledQueryFields } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';
import type { PackSpecView } from './pack-spec.service';

/** Fleet's pack object; `type` is null because this server has no hidden global/team schedule packs. */
export function toPackDto(p: Pack): PackDto {
  return {
    created_at: rfc3339(p.createdAt), updated_at: rfc3339(p.updatedAt), id: p.id, name: p.name, description: p.description, platform: p.platform,
    disabled: p.disabled, type: null, query_count: p.queryCount, total_hosts_count: p.totalHostsCount,
    host_ids: [...p.hostIds], label_ids: [...p.labelIds], team_ids: [...p.teamIds],
  };
}

/** Empty platform and version columns read as null ("any"), as Fleet answers for unset options. */
export function toScheduledDto(s: ScheduledQuery): ScheduledQueryDto {
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

type PackRequest = z.output<typeof modifyPackRequestSchema>;
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The pack fields a request sets; absent keys stay absent. */
export function packPatch(b: PackRequest): Partial<PackFields> {
  return defined({ name: b.name, description: b.description, platform: b.platform, disabled: b.disabled });
}

/** Sent target lists replace the stored ones (null counts as empty); absent lists stay as they are. */
export function packTargets(b: Pick<PackRequest, 'host_ids' | 'label_ids' | 'team_ids'>): Partial<PackTargets> {
  const out: { -readonly [K in keyof PackTargets]?: PackTargets[K] } = {};
  if (b.host_ids !== undefined) out.hostIds = b.host_ids ?? [];
  if (b.label_ids !== undefined) out.labelIds = b.label_ids ?? [];
  if (b.team_ids !== undefined) out.teamIds = b.team_ids ?? [];
  return out;
}

/** Fleet's JSON names → scheduled-query fields; absent keys stay absent, null clears an option. */
export function scheduledPatch(b: z.output<typeof modifyScheduledQueryRequestSchema>): Partial<ScheduledQueryFields> {
  return defined({
    name: b.name, description: b.description, interval: b.interval, snapshot: b.snapshot, removed: b.removed, platform: b.platform,
    version: b.version, shard: b.shard, denylist: b.denylist,
  });
}
