import { Injectable } from '@nestjs/common';
import { authorize, invalid, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HostCacheStore } from '@fleet/messaging';
import { nextFreeName } from '@fleet/domain';
import type { Pack, ScheduledQuery, ScheduledQueryFields } from '@fleet/domain';
import { PackRepository, QueryRepository, ScheduledQueryRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

export type NewScheduledQuery = Partial<ScheduledQueryFields> & { readonly queryId: number; readonly interval: number };

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

  async ofPack(caller: Caller, packId: number): Promise<ScheduledQuery[]> {
    authorize(caller, 'pack:read', { teamId: null });
    await this.mustFindPack(packId);
    return this.scheduled.ofPack(packId);
  }

  async get(caller: Caller, id: number): Promise<ScheduledQuery> {
    authorize(caller, 'pack:read', { teamId: null });
    return this.mustFind(id);
  }

  async create(caller: Caller, packId: number, f: NewScheduledQuery): Promise<ScheduledQuery> {
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

  async modify(caller: Caller, id: number, patch: Partial<ScheduledQueryFields>): Promise<ScheduledQuery> {
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

  private async changed(caller: Caller, pack: Pack): Promise<void> {
    await this.activities.record(caller, 'edited_pack', { pack_id: pack.id, pack_name: pack.name });
    await this.hostCache.bumpConfigVersion();
  }

  private async mustFindPack(id: number): Promise<Pack> {
    const pack = await this.packs.findById(id);
    if (!pack) throw notFound(`Pack with id=${id} was not found in the datastore`);
    return pack;
  }

  private async mustFind(id: number): Promise<ScheduledQuery> {
    const sq = await this.scheduled.findById(id);
    if (!sq) throw notFound(`ScheduledQuery with id=${id} was not found in the datastore`);
    return sq;
  }
}
