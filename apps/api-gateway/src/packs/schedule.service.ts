import { Injectable } from '@nestjs/common';
import { authorize, invalid, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HostCacheStore } from '@fleet/messaging';
import { PackRepository, QueryRepository, ScheduledQueryRepository } from '@fleet/persistence';
import type { PackRecord, ScheduledQueryFields, ScheduledQueryRecord } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

export type NewScheduledQuery = Partial<ScheduledQueryFields> & { readonly queryId: number; readonly interval: number };

/** `name`, or `name-1`, `name-2`, … : the first that is free in the pack (Fleet's findNextNameForQuery). */
export function nextFreeName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let i = 1; ; i++) if (!taken.includes(`${name}-${i}`)) return `${name}-${i}`;
}

/**
 * Queries scheduled in 2017 packs (`/schedule`, `/packs/schedule`, `/packs/{id}/scheduled`). Permission is
 * the pack's (global writers only). Fleet records no activity of its own for a schedule change; we record
 * `edited_pack` for the pack it belongs to, so every state change is audited.
 */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly packs: PackRepository,
    private readonly scheduled: ScheduledQueryRepository,
    private readonly queries: QueryRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
  ) {}

  async ofPack(caller: Caller, packId: number): Promise<ScheduledQueryRecord[]> {
    authorize(caller, 'pack:read', { teamId: null });
    await this.mustFindPack(packId);
    return this.scheduled.ofPack(packId);
  }

  async get(caller: Caller, id: number): Promise<ScheduledQueryRecord> {
    authorize(caller, 'pack:read', { teamId: null });
    return this.mustFind(id);
  }

  async create(caller: Caller, packId: number, f: NewScheduledQuery): Promise<ScheduledQueryRecord> {
    authorize(caller, 'pack:write', { teamId: null });
    const pack = await this.mustFindPack(packId);
    const query = await this.queries.findById(f.queryId);
    if (!query) throw invalid('query_id', `query ${f.queryId} does not exist`);
    const taken = (await this.scheduled.ofPack(packId)).map((s) => s.name);
    const id = await this.scheduled.create(packId, {
      description: '', snapshot: null, removed: null, platform: null, version: null, shard: null, denylist: null, ...f,
      name: nextFreeName(f.name ?? query.name, taken),
    });
    await this.changed(caller, pack);
    return this.mustFind(id);
  }

  async modify(caller: Caller, id: number, patch: Partial<ScheduledQueryFields>): Promise<ScheduledQueryRecord> {
    authorize(caller, 'pack:write', { teamId: null });
    const sq = await this.mustFind(id);
    if (patch.name !== undefined && patch.name !== sq.name && (await this.scheduled.ofPack(sq.packId)).some((s) => s.name === patch.name)) {
      throw invalid('name', `a scheduled query named ${patch.name} already exists in this pack`);
    }
    await this.scheduled.update(id, patch);
    await this.changed(caller, await this.mustFindPack(sq.packId));
    return this.mustFind(id);
  }

  async delete(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'pack:write', { teamId: null });
    const sq = await this.mustFind(id);
    await this.scheduled.delete(id);
    await this.changed(caller, await this.mustFindPack(sq.packId));
  }

  private async changed(caller: Caller, pack: PackRecord): Promise<void> {
    await this.activities.record(caller, 'edited_pack', { pack_id: pack.id, pack_name: pack.name });
    await this.hostCache.bumpConfigVersion();
  }

  private async mustFindPack(id: number): Promise<PackRecord> {
    const pack = await this.packs.findById(id);
    if (!pack) throw notFound(`Pack with id=${id} was not found in the datastore`);
    return pack;
  }

  private async mustFind(id: number): Promise<ScheduledQueryRecord> {
    const sq = await this.scheduled.findById(id);
    if (!sq) throw notFound(`ScheduledQuery with id=${id} was not found in the datastore`);
    return sq;
  }
}
