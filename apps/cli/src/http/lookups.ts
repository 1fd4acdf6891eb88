import { labelRoutes, policyRoutes, teamRoutes, userRoutes } from '@fleet/contracts';
import type { ApiClient } from './api.client';

/** Name → object lookups shared by commands that take names where the API takes ids. */

export interface NamedTeam {
  readonly id: number;
  readonly name: string;
}

/** Every team (the list answers all rows when no page is asked for). */
export async function listTeams(client: ApiClient): Promise<NamedTeam[]> {
  return (await client.call(teamRoutes.list, {})).teams;
}

/** The team with exactly this name, or undefined. */
export async function teamByName(client: ApiClient, name: string): Promise<NamedTeam | undefined> {
  const { teams } = await client.call(teamRoutes.list, { query: { query: name } });
  return teams.find((t) => t.name === name);
}

/** The global policy (team undefined) or the team's own policy with this name. */
export async function policyByName(client: ApiClient, name: string, teamId: number | undefined): Promise<{ id: number } | undefined> {
  const policies = teamId === undefined
    ? (await client.call(policyRoutes.list, {})).policies
    : (await client.call(policyRoutes.listTeam, { params: { id: teamId } })).policies;
  return policies.find((p) => p.name === name);
}

export async function userByEmail(client: ApiClient, email: string): Promise<{ id: number; email: string } | undefined> {
  const { users } = await client.call(userRoutes.list, {});
  return users.find((u) => u.email.toLowerCase() === email.toLowerCase());
}

export async function labelIdByName(client: ApiClient, name: string): Promise<number | undefined> {
  const { labels } = await client.call(labelRoutes.list, {});
  return labels.find((l) => l.name === name)?.id;
}
