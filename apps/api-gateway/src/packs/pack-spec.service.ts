import { Injectable } from '@nestjs/common';
import { authorize, badRequest, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { PackSpec } from '@fleet/contracts';
import { HostCacheStore } from '@fleet/messaging';
import type { Pack, PackTargetNames, ScheduledQuery, ScheduledQueryFields } from '@fleet/domain';
import { LabelRepository, PackRepository, QueryRepository, ScheduledQueryRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

export interface PackSpecView extends PackTargetNames { readonly pack: Pack; readonly scheduled: ScheduledQuery[] }

/**
 * `fleetctl apply/get` for 2017 packs (fleet-admin-api.md §1.12): upsert by pack name; label and team
 * targets and the schedule become exactly what the spec lists (host targets, which a spec cannot name,
 * are cleared); scheduled queries refer to global saved queries by name. Every name is resolved before
 * anything is written, so a bad spec changes nothing.
 */
@Injectable()
export class PackSpecService {
  constructor(
    private readonly packs: PackRepository,
    private readonly scheduled: ScheduledQueryRepository,
    private readonly queries: QueryRepository,
    private readonly labels: LabelRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
  ) {}

  async list(caller: Caller): Promise<PackSpecView[]> {
    authorize(caller, 'pack:read', { teamId: null });
    const names = await this.packs.targetNames();
    const packs = await this.packs.all();
    return Promise.all(packs.map(async (pack) => ({ pack, ...(names.get(pack.id) ?? { labels: [], teams: [] }), scheduled: await this.scheduled.ofPack(pack.id) })));
  }

  async get(caller: Caller, name: string): Promise<PackSpecView> {
    authorize(caller, 'pack:read', { teamId: null });
    const pack = await this.packs.findByName(name);
    if (!pack) throw notFound(`Pack with name=${name} was not found in the datastore`);
    const names = (await this.packs.targetNames()).get(pack.id) ?? { labels: [], teams: [] };
    return { pack, ...names, scheduled: await this.scheduled.ofPack(pack.id) };
  }

  async apply(caller: Caller, specs: readonly PackSpec[]): Promise<void> {
    authorize(caller, 'pack:write', { teamId: null });
    const resolved = [];
    for (const spec of specs) resolved.push({ spec, ...(await this.resolve(spec)) });
    for (const { spec, labelIds, teamIds, schedule } of resolved) {
      const fields = { name: spec.name, description: spec.description, platform: spec.platform, disabled: spec.disabled };
      const existing = await this.packs.findByName(spec.name);
      const targets = { labelIds, teamIds, hostIds: [] };
      const id = existing ? existing.id : await this.packs.create(fields, targets);
      if (existing) await this.packs.update(id, fields, targets);
      await this.scheduled.replaceForPack(id, schedule);
    }
    await this.activities.record(caller, 'applied_spec_pack', {});
    await this.hostCache.bumpConfigVersion();
  }

  private async resolve(spec: PackSpec): Promise<{ labelIds: number[]; teamIds: number[]; schedule: ScheduledQueryFields[] }> {
    const labelNames = spec.targets.labels ?? [];
    const labels = await this.labels.findByNames(labelNames);
    const unknown = labelNames.filter((n) => !labels.some((l) => l.name === n));
    if (unknown.length) throw badRequest(`Invalid label name(s): ${unknown.join(', ')}.`);
    const teamIds: number[] = [];
    for (const name of spec.targets.teams ?? []) {
      const team = await this.teams.findByName(name);
      if (!team) throw notFound(`Team with name=${name} was not found in the datastore`);
      teamIds.push(team.id);
    }
    const schedule: ScheduledQueryFields[] = [];
    for (const q of spec.queries ?? []) {
      const query = await this.queries.findByName(null, q.query);
      if (!query) throw notFound(`Query with name=${q.query} was not found in the datastore`);
      schedule.push({
        queryId: query.id, name: q.name || q.query, description: q.description, interval: q.interval, snapshot: q.snapshot ?? null,
        removed: q.removed ?? null, platform: q.platform ?? null, version: q.version ?? null, shard: q.shard ?? null, denylist: q.denylist ?? null,
      });
    }
    return { labelIds: labels.map((l) => l.id), teamIds, schedule };
  }
}
