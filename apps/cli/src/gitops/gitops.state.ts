import { configRoutes, policyRoutes, specRoutes, teamRoutes } from '@fleet/contracts';
import type { ApiClient } from '../http/api.client';
import type { CurrentTeam, GlobalState, ScopeState } from './gitops.plan';

/** What the server holds for the global file: settings, global enroll secrets, labels, global policies and queries. */
export async function readGlobalState(client: ApiClient): Promise<GlobalState> {
  const [config, secrets, labels, policies, queries] = await Promise.all([
    client.call(configRoutes.get, {}),
    client.call(teamRoutes.globalSecrets, {}),
    client.call(specRoutes.labels, {}),
    client.call(policyRoutes.list, {}),
    client.call(specRoutes.queries, {}),
  ]);
  return { config, secrets: secrets.spec.secrets.map((s) => s.secret), labels: labels.specs, policies: policies.policies, queries: queries.specs };
}

/** Every team with its settings, agent options and enroll secrets. */
export async function readTeams(client: ApiClient): Promise<CurrentTeam[]> {
  return (await client.call(teamRoutes.list, {})).teams;
}

/** A team's own policies (not the inherited global ones) and queries. */
export async function readTeamScope(client: ApiClient, teamId: number): Promise<ScopeState> {
  const [policies, queries] = await Promise.all([
    client.call(policyRoutes.listTeam, { params: { id: teamId } }),
    client.call(specRoutes.queries, { query: { team_id: String(teamId) } }),
  ]);
  return { policies: policies.policies, queries: queries.specs };
}
