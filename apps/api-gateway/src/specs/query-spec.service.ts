import { Injectable } from '@nestjs/common';
import { authorize, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { PolicySpec, QuerySpec } from '@fleet/contracts';
import { HostCacheStore } from '@fleet/messaging';
import { UNPAGED } from '@fleet/domain';
import type { QueryFields, SavedQuery } from '@fleet/domain';
import { PolicyRepository, QueryRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

const toFields = (s: QuerySpec): QueryFields => ({
  name: s.name, description: s.description, query: s.query, observerCanRun: s.observer_can_run, interval: s.interval, platform: s.platform,
  minOsqueryVersion: s.min_osquery_version, automationsEnabled: s.automations_enabled, logging: s.logging || 'snapshot', discardData: s.discard_data,
});

/**
 * `fleetctl apply/get` for queries and policies (fleet-admin-api.md §1.12): upsert by (team, name), fields
 * left out become zero values, nothing is deleted. Re-applying the same specs writes the same values,
 * so the stored state does not change (the apply itself is still recorded as an activity).
 */
@Injectable()
export class QuerySpecService {
  constructor(
    private readonly queries: QueryRepository,
    private readonly policies: PolicyRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
  ) {}

  async getQueries(caller: Caller, teamId: number | null): Promise<Array<{ query: SavedQuery; team: string }>> {
    authorize(caller, 'query:read', { teamId });
    const team = teamId === null ? '' : (await this.teams.findById(teamId))?.name ?? '';
    return (await this.queries.list(teamId, false, UNPAGED)).items.map((query) => ({ query, team }));
  }

  async getQuery(caller: Caller, teamId: number | null, name: string): Promise<{ query: SavedQuery; team: string }> {
    authorize(caller, 'query:read', { teamId });
    const query = await this.queries.findByName(teamId, name);
    if (!query) throw notFound(`Query with name=${name} was not found in the datastore`);
    return { query, team: teamId === null ? '' : (await this.teams.findById(teamId))?.name ?? '' };
  }

  async applyQueries(caller: Caller, specs: readonly QuerySpec[]): Promise<void> {
    authorize(caller, 'query:write', 'any');
    const resolved = await this.resolveTeams(specs.map((s) => s.team));
    for (const teamId of resolved) authorize(caller, 'query:write', { teamId });
    for (const [i, spec] of specs.entries()) {
      const teamId = resolved[i] ?? null;
      const fields = toFields(spec);
      const existing = await this.queries.findByName(teamId, spec.name);
      if (!existing) await this.queries.create(teamId, caller.signedIn.id, fields);
      else {
        await this.queries.update(existing.id, fields);
        if (existing.query !== fields.query || existing.logging !== fields.logging || (fields.discardData && !existing.discardData)) await this.queries.clearResults(existing.id);
      }
    }
    await this.activities.record(caller, 'applied_spec_saved_query', { specs });
    await this.hostCache.bumpConfigVersion();
  }

  /** The team and platform of an existing policy are kept, as Fleet does. */
  async applyPolicies(caller: Caller, specs: readonly PolicySpec[]): Promise<void> {
    authorize(caller, 'policy:write', 'any');
    const resolved = await this.resolveTeams(specs.map((s) => s.team));
    for (const teamId of resolved) authorize(caller, 'policy:write', { teamId });
    for (const [i, spec] of specs.entries()) {
      const teamId = resolved[i] ?? null;
      const fields = { name: spec.name, query: spec.query, description: spec.description, resolution: spec.resolution, critical: spec.critical };
      const existing = await this.policies.findByName(teamId, spec.name);
      if (!existing) await this.policies.create(teamId, caller.signedIn.id, { ...fields, platform: spec.platform });
      else {
        await this.policies.update(existing.id, fields);
        if (existing.query !== spec.query) await this.policies.clearResults(existing.id);
      }
    }
    await this.activities.record(caller, 'applied_spec_policy', { policies: specs });
    await this.hostCache.bumpConfigVersion();
  }

  /** Team names → ids ("" = global); an unknown team is 404 before anything is written. */
  private async resolveTeams(names: readonly string[]): Promise<Array<number | null>> {
    const out: Array<number | null> = [];
    for (const name of names) {
      if (!name) { out.push(null); continue; }
      const team = await this.teams.findByName(name);
      if (!team) throw notFound(`Team with name=${name} was not found in the datastore`);
      out.push(team.id);
    }
    return out;
  }
}
