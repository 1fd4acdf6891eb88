import { Injectable } from '@nestjs/common';
import { alreadyExists, authorize, authorizeScope, invalid, mayAlso, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HostCacheStore } from '@fleet/messaging';
import { AppConfigRepository, TeamRepository, UserRepository } from '@fleet/persistence';
import { globalAgentOptions } from '../config/app-config.view';
import { ActivityRecorder } from '../core/activity.recorder';
import type { EnrollSecret, ListOptions, Page, RoleName, Team, User } from '@fleet/domain';
import { UNPAGED, roleDisplayName } from '@fleet/domain';

export interface TeamView { readonly team: Team; readonly secrets: EnrollSecret[] | undefined }

/** Teams, their members, agent options and enroll secrets (fleet-admin-api.md §1.9, §1.10). */
@Injectable()
export class TeamService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
    private readonly appConfig: AppConfigRepository,
  ) {}

  async list(caller: Caller, opts: ListOptions): Promise<Page<TeamView>> {
    const scope = authorizeScope(caller, 'team:read');
    const page = await this.teams.list(scope, opts);
    return { ...page, items: await Promise.all(page.items.map((t) => this.view(caller, t))) };
  }

  async get(caller: Caller, id: number): Promise<TeamView> {
    authorize(caller, 'team:read', { teamId: id });
    return this.view(caller, await this.mustFind(id));
  }

  async create(caller: Caller, name: string, description: string, secrets: readonly string[]): Promise<TeamView> {
    authorize(caller, 'team:create', { teamId: null });
    if (await this.teams.findByName(name)) throw alreadyExists(`Team with name=${name} already exists`);
    // Fleet copies the global agent options into a new team (the team's hosts keep them when the global ones change later).
    const id = await this.teams.create(name, description, { agent_options: globalAgentOptions(await this.appConfig.get()) });
    if (secrets.length > 0) await this.teams.replaceSecrets(id, secrets);
    await this.activities.record(caller, 'created_team', { team_id: id, team_name: name });
    await this.hostCache.bumpConfigVersion();
    return this.view(caller, await this.mustFind(id));
  }

  /** Name, description and settings; nested settings objects are replaced key by key. */
  async modify(caller: Caller, id: number, patch: { name?: string; description?: string; settings: Record<string, unknown> }): Promise<TeamView> {
    authorize(caller, 'team:write', { teamId: id });
    const team = await this.mustFind(id);
    if (patch.name !== undefined && patch.name !== team.name && (await this.teams.findByName(patch.name))) throw alreadyExists(`Team with name=${patch.name} already exists`);
    await this.teams.update(id, { name: patch.name, description: patch.description, config: { ...team.config, ...patch.settings } });
    await this.activities.record(caller, 'edited_team', { team_id: id, team_name: patch.name ?? team.name });
    return this.view(caller, await this.mustFind(id));
  }

  async delete(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'team:create', { teamId: null });
    const team = await this.mustFind(id);
    await this.teams.delete(id);
    await this.activities.record(caller, 'deleted_team', { team_id: id, team_name: team.name });
    await this.hostCache.bumpConfigVersion();
  }

  /** Team agent options replace the global ones for the team's hosts (never merged). */
  async setAgentOptions(caller: Caller, id: number, options: Record<string, unknown>): Promise<TeamView> {
    authorize(caller, 'team:write', { teamId: id });
    const team = await this.mustFind(id);
    await this.teams.update(id, { config: { ...team.config, agent_options: options } });
    await this.activities.record(caller, 'edited_agent_options', { global: false, team_id: id, team_name: team.name });
    await this.hostCache.bumpConfigVersion();
    return this.view(caller, await this.mustFind(id));
  }

  async members(caller: Caller, id: number, opts: ListOptions): Promise<Page<User>> {
    authorize(caller, 'user:read', { teamId: id });
    await this.mustFind(id);
    return this.users.list(opts, id);
  }

  /**
   * Adds or changes (role given) or removes (role null) members; global users cannot hold team roles. Answers the
   * team with its members, as Fleet does (whoever may change the members sees them, gitops included).
   */
  async setMembers(caller: Caller, id: number, members: ReadonlyArray<{ id: number; role: RoleName | null }>): Promise<TeamView & { members: User[] }> {
    authorize(caller, 'team:write', { teamId: id });
    const team = await this.mustFind(id);
    for (const m of members) {
      const user = await this.users.findById(m.id);
      if (!user) throw notFound(`User with id=${m.id} was not found in the datastore`);
      if (m.role !== null && user.globalRole) throw invalid('users', `user ${m.id} has a global role`);
      if (m.role === 'gitops' && !user.apiOnly) throw invalid('users', 'role GitOps can only be set for API only users');
      await this.users.setTeamRole(m.id, id, m.role);
      const base = { user_id: user.id, user_name: user.name, user_email: user.email, team_id: id, team_name: team.name };
      if (m.role === null) await this.activities.record(caller, 'deleted_user_team_role', base);
      else await this.activities.record(caller, 'changed_user_team_role', { ...base, role: roleDisplayName(m.role) });
    }
    const view = await this.view(caller, await this.mustFind(id));
    return { ...view, members: (await this.users.list(UNPAGED, id)).items };
  }

  async secrets(caller: Caller, teamId: number | null): Promise<EnrollSecret[]> {
    if (teamId === null) authorize(caller, 'enroll_secret:read', { teamId: null });
    else authorize(caller, 'team:secrets', { teamId });
    if (teamId !== null) await this.mustFind(teamId);
    return this.teams.secrets(teamId);
  }

  /** Replaces the whole set of a team's (or, with null, the global) enroll secrets. */
  async replaceSecrets(caller: Caller, teamId: number | null, secrets: readonly string[]): Promise<EnrollSecret[]> {
    if (teamId === null) authorize(caller, 'enroll_secret:write', { teamId: null });
    else authorize(caller, 'team:secrets', { teamId });
    const team = teamId === null ? null : await this.mustFind(teamId);
    if (new Set(secrets).size !== secrets.length) throw invalid('secrets', 'duplicate secret');
    await this.teams.replaceSecrets(teamId, secrets);
    await this.activities.record(caller, 'edited_enroll_secrets', { team_id: teamId, team_name: team?.name ?? null });
    return this.teams.secrets(teamId);
  }

  private async view(caller: Caller, team: Team): Promise<TeamView> {
    const secrets = mayAlso(caller, 'team:secrets', { teamId: team.id }) ? await this.teams.secrets(team.id) : undefined;
    return { team, secrets };
  }

  private async mustFind(id: number): Promise<Team> {
    const team = await this.teams.findById(id);
    if (!team) throw notFound(`Team with id=${id} was not found in the datastore`);
    return team;
  }
}
