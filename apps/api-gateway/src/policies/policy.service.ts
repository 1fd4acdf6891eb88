import { Inject, Injectable } from '@nestjs/common';
import { alreadyExists, authorize, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { policyResultsInvalidatedBy } from '@fleet/domain';
import type { Clock, ListOptions, Page, Policy, PolicyFields } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import { PolicyRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';

const DEFAULTS: PolicyFields = { name: '', query: '', description: '', resolution: '', platform: '', critical: false };

/** A team's own policies and the global ones it inherits. */
export interface TeamPolicies { readonly own: Page<Policy>; readonly inherited: Page<Policy> }

/**
 * Global (teamId null) and team policies (fleet-admin-api.md §1.8). Every method names the team it acts
 * on, so a policy of another team reads as not found. Changes bump the agent config version: policies
 * reach agents as distributed queries.
 */
@Injectable()
export class PolicyService {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async list(caller: Caller, teamId: number | null, opts: ListOptions): Promise<Page<Policy>> {
    authorize(caller, 'policy:read', { teamId });
    await this.teamName(teamId);
    return this.policies.list(teamId, opts);
  }

  /** The team's policies, paged by `opts`, and every inherited global one (filtered by the same `query`). */
  async listTeam(caller: Caller, teamId: number, opts: ListOptions): Promise<TeamPolicies> {
    const own = await this.list(caller, teamId, opts);
    const inherited = await this.list(caller, null, { ...opts, page: 0, perPage: 0 });
    return { own, inherited };
  }

  /** Global policies matching `opts.query`, counted over all pages. */
  async countGlobal(caller: Caller, opts: ListOptions): Promise<number> {
    return (await this.list(caller, null, { ...opts, page: 0, perPage: 0 })).items.length;
  }

  /** A team's policies matching `opts.query`, counted over all pages; with `mergeInherited` the global ones it inherits too. */
  async countTeam(caller: Caller, teamId: number, opts: ListOptions, mergeInherited: boolean): Promise<number> {
    const all = { ...opts, page: 0, perPage: 0 };
    const own = (await this.list(caller, teamId, all)).items.length;
    return mergeInherited ? own + (await this.list(caller, null, all)).items.length : own;
  }

  async get(caller: Caller, teamId: number | null, id: number): Promise<Policy> {
    authorize(caller, 'policy:read', { teamId });
    return this.mustFind(teamId, id);
  }

  async create(caller: Caller, teamId: number | null, fields: Partial<PolicyFields> & { name: string; query: string }): Promise<Policy> {
    authorize(caller, 'policy:write', { teamId });
    const teamName = await this.teamName(teamId);
    if (await this.policies.findByName(teamId, fields.name)) throw alreadyExists(`Policy with name=${fields.name} already exists`);
    const id = await this.policies.create(teamId, caller.signedIn.id, { ...DEFAULTS, ...fields });
    await this.changed(caller, 'created_policy', { policy_id: id, policy_name: fields.name, team_id: teamId, team_name: teamName });
    return this.mustFind(teamId, id);
  }

  /** A new query or platform forgets the old results, which answered a different question. */
  async modify(caller: Caller, teamId: number | null, id: number, patch: Partial<PolicyFields>): Promise<Policy> {
    authorize(caller, 'policy:write', { teamId });
    const p = await this.mustFind(teamId, id);
    if (patch.name !== undefined && patch.name !== p.name && (await this.policies.findByName(teamId, patch.name))) {
      throw alreadyExists(`Policy with name=${patch.name} already exists`);
    }
    await this.policies.update(id, patch);
    if (policyResultsInvalidatedBy(p, patch)) await this.policies.clearResults(id);
    await this.changed(caller, 'edited_policy', { policy_id: id, policy_name: patch.name ?? p.name, team_id: teamId, team_name: await this.teamName(teamId) });
    return this.mustFind(teamId, id);
  }

  /** Deletes the given policies of this team (others' ids are ignored); returns how many went. */
  async deleteMany(caller: Caller, teamId: number | null, ids: readonly number[]): Promise<number> {
    authorize(caller, 'policy:write', { teamId });
    const teamName = await this.teamName(teamId);
    const n = await this.policies.deleteMany(teamId, ids);
    await this.changed(caller, 'deleted_policies', { policy_ids: ids, team_id: teamId, team_name: teamName });
    return n;
  }

  private async teamName(teamId: number | null): Promise<string | null> {
    if (teamId === null) return null;
    const team = await this.teams.findById(teamId);
    if (!team) throw notFound(`Team with id=${teamId} was not found in the datastore`);
    return team.name;
  }

  private async changed(caller: Caller, type: string, details: Record<string, unknown>): Promise<void> {
    await this.activities.record(caller, type, details);
    await this.hostCache.bumpConfigVersion();
  }

  private async mustFind(teamId: number | null, id: number): Promise<Policy> {
    const p = await this.policies.findById(id);
    if (!p || p.teamId !== teamId) throw notFound(`Policy with id=${id} was not found in the datastore`);
    return p;
  }
}
