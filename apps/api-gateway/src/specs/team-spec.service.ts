import { Injectable } from '@nestjs/common';
import { authorize, invalid } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { TeamSpec } from '@fleet/contracts';
import { HostCacheStore } from '@fleet/messaging';
import { AppConfigRepository, TeamRepository } from '@fleet/persistence';
import { globalAgentOptions } from '../config/app-config.view';
import { ActivityRecorder } from '../core/activity.recorder';

/** Settings keys a team spec carries into the team's config document; each given key replaces the stored one. */
const SETTINGS = ['agent_options', 'features', 'webhook_settings', 'integrations', 'host_expiry_settings', 'mdm'] as const;

/**
 * `fleetctl apply` for teams (`POST /spec/teams`, fleet-admin-api.md §1.12): creates missing teams (global
 * admin or gitops), updates existing ones (their team admins too), replaces secrets when given. With
 * `dry_run` everything is validated and authorized, nothing written.
 */
@Injectable()
export class TeamSpecService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
    private readonly appConfig: AppConfigRepository,
  ) {}

  async apply(caller: Caller, specs: readonly TeamSpec[], dryRun: boolean): Promise<Record<string, number>> {
    authorize(caller, 'team:write', 'any');
    const existing = await Promise.all(specs.map((s) => this.teams.findByName(s.name)));
    for (const [i, team] of existing.entries()) {
      if (team) authorize(caller, 'team:write', { teamId: team.id });
      else authorize(caller, 'team:create', { teamId: null });
      const secrets = specs[i]?.secrets?.map((x) => x.secret) ?? [];
      if (new Set(secrets).size !== secrets.length) throw invalid('secrets', 'duplicate secret');
    }
    const ids: Record<string, number> = {};
    if (dryRun) {
      for (const [i, s] of specs.entries()) ids[s.name] = existing[i]?.id ?? 0;
      return ids;
    }
    for (const [i, s] of specs.entries()) {
      const team = existing[i];
      const settings = Object.fromEntries(SETTINGS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
      // A new team starts with a copy of the global agent options (as Fleet does) unless its spec gives its own.
      const base = team ? team.config : { agent_options: globalAgentOptions(await this.appConfig.get()) };
      const id = team ? team.id : await this.teams.create(s.name, '', base);
      await this.teams.update(id, { config: { ...base, ...settings } });
      const wanted = s.secrets?.map((x) => x.secret);
      const current = (await this.teams.secrets(id)).map((x) => x.secret);
      // Unchanged secrets keep their rows (and created_at), so a repeated apply changes nothing.
      if (wanted && [...wanted].sort().join('\n') !== [...current].sort().join('\n')) await this.teams.replaceSecrets(id, wanted);
      ids[s.name] = id;
    }
    await this.activities.record(caller, 'applied_spec_team', { teams: Object.entries(ids).map(([name, id]) => ({ id, name })) });
    await this.hostCache.bumpConfigVersion();
    return ids;
  }
}
