import { configRoutes, labelRoutes, policyRoutes, queryRoutes, specRoutes, teamRoutes } from '@fleet/contracts';
import type { TeamSpec } from '@fleet/contracts';
import { CliError } from '../cli.error';
import type { ApiClient } from '../http/api.client';
import type { Change, TeamRef } from './gitops.plan';

/**
 * Performs a file's changes in the order planned. Label and query upserts of one scope go as one `/spec`
 * batch (sent where the first of them stands); everything else is one request each. Under --dry-run only the
 * writes the server can check without saving are sent (settings, enroll secrets, team specs) with `dry_run`.
 */
export class GitopsExecutor {
  /** Ids of teams created during this run, by name. */
  private readonly created = new Map<string, number>();

  constructor(private readonly client: ApiClient, private readonly dryRun: boolean) {}

  private teamId(ref: TeamRef): number {
    const id = ref.id ?? this.created.get(ref.name);
    if (id === undefined) throw new CliError(`team ${ref.name} not created`);
    return id;
  }

  async run(changes: readonly Change[], print: (c: Change) => void): Promise<void> {
    let labelsSent = false;
    const queriesSent = new Set<string>();
    for (const c of changes) {
      print(c);
      if (c.kind === 'label' && c.op !== 'delete') {
        if (labelsSent) continue;
        labelsSent = true;
        const specs = changes.flatMap((x) => (x.kind === 'label' && x.op !== 'delete' ? [x.spec] : []));
        if (!this.dryRun) await this.client.call(specRoutes.applyLabels, { body: { specs } });
        continue;
      }
      if (c.kind === 'query' && c.op !== 'delete') {
        const scope = c.team?.name ?? '';
        if (queriesSent.has(scope)) continue;
        queriesSent.add(scope);
        const specs = changes.flatMap((x) => (x.kind === 'query' && x.op !== 'delete' && (x.team?.name ?? '') === scope ? [x.spec] : []));
        if (!this.dryRun) await this.client.call(specRoutes.applyQueries, { body: { specs } });
        continue;
      }
      await this.one(c);
    }
  }

  private async one(c: Change): Promise<void> {
    const dry = this.dryRun;
    switch (c.kind) {
      case 'fleet config':
        await this.client.call(configRoutes.modify, { query: { dry_run: dry ? 'true' : 'false' }, body: c.patch });
        return;
      case 'enroll secrets':
        await this.client.call(teamRoutes.replaceGlobalSecrets, { body: { spec: { secrets: c.secrets.map((secret) => ({ secret })) }, dry_run: dry } });
        return;
      case 'team': {
        if (c.op === 'delete') {
          if (!dry) await this.client.call(teamRoutes.delete, { params: { id: c.id } });
          return;
        }
        const res = await this.client.call(specRoutes.applyTeams, { query: { dry_run: String(dry) }, body: { specs: [c.spec as unknown as TeamSpec] } });
        const id = res.team_ids_by_name[c.name];
        if (id) this.created.set(c.name, id);
        return;
      }
      case 'label':
        if (!dry && c.op === 'delete') await this.client.call(labelRoutes.deleteByName, { params: { name: c.name } });
        return;
      case 'query':
        if (!dry && c.op === 'delete') {
          await this.client.call(queryRoutes.deleteByName, { params: { name: c.name }, query: c.team ? { team_id: String(this.teamId(c.team)) } : {} });
        }
        return;
      case 'policy':
        if (!dry) await this.policy(c);
        return;
    }
  }

  private async policy(c: Extract<Change, { kind: 'policy' }>): Promise<void> {
    const team = c.team ? this.teamId(c.team) : undefined;
    switch (c.op) {
      case 'add':
        if (team === undefined) await this.client.call(policyRoutes.create, { body: c.body });
        else await this.client.call(policyRoutes.createTeam, { params: { id: team }, body: c.body });
        return;
      case 'update':
        if (team === undefined) await this.client.call(policyRoutes.modify, { params: { id: c.id }, body: c.body });
        else await this.client.call(policyRoutes.modifyTeam, { params: { id: team, policy_id: c.id }, body: c.body });
        return;
      case 'delete':
        if (team === undefined) await this.client.call(policyRoutes.delete, { body: { ids: [c.id] } });
        else await this.client.call(policyRoutes.deleteTeam, { params: { id: team }, body: { ids: [c.id] } });
        return;
    }
  }
}
