import { labelRoutes, packRoutes, policyRoutes, queryRoutes, teamRoutes } from '@fleet/contracts';
import { ApiError, errorReasons } from '../http/api.client';
import type { ApiClient } from '../http/api.client';
import { policyByName, teamByName } from '../http/lookups';
import type { ParsedSpec } from './spec.parser';

/** Where `fleetctl delete -f` reports: progress on `out`, refusals and failures on `err`. */
export interface DeleteOutput {
  out(line: string): void;
  err(line: string): void;
}

const nameOf = (s: ParsedSpec): string => String(s.kind === 'team' ? (s.spec['team'] as { name?: unknown }).name : s.spec['name']);

/**
 * `fleetctl delete -f`: every query, pack, label, policy and team of the file is deleted by name (team queries
 * and policies in their team). One that does not exist is reported and skipped, as Fleet does; a kind that has
 * nothing to delete by name (config, enroll_secret, user_roles) is named on stderr, never silently skipped.
 * Returns false when some document could not be deleted, so the command exits non-zero.
 */
export async function deleteSpecs(client: ApiClient, specs: readonly ParsedSpec[], o: DeleteOutput): Promise<boolean> {
  let ok = true;
  for (const s of specs) {
    if (s.kind === 'config' || s.kind === 'enroll_secret' || s.kind === 'user_roles') {
      o.err(`[!] document ${s.index} (kind "${s.kind}") cannot be deleted: fleetctl delete removes queries, packs, labels, policies and teams by name`);
      continue;
    }
    const name = nameOf(s);
    o.out(`[+] deleting ${s.kind} "${name}"`);
    try {
      const found = await deleteOne(client, s, name);
      if (!found) o.out(`[!] ${s.kind} "${name}" doesn't exist`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 404) { o.out(`[!] ${s.kind} "${name}" doesn't exist`); continue; }
      o.err(`[!] ${s.kind} "${name}" was not deleted: ${errorReasons(e.status, e.text)}`);
      ok = false;
    }
  }
  return ok;
}

/** Deletes one document's object; false when it does not exist. */
async function deleteOne(client: ApiClient, s: ParsedSpec, name: string): Promise<boolean> {
  const teamName = typeof s.spec['team'] === 'string' ? s.spec['team'] : '';
  const team = teamName && s.kind !== 'team' ? await teamByName(client, teamName) : undefined;
  if (teamName && s.kind !== 'team' && !team) return false;
  switch (s.kind) {
    case 'query':
      await client.call(queryRoutes.deleteByName, { params: { name }, query: team ? { team_id: String(team.id) } : {} });
      return true;
    case 'pack':
      await client.call(packRoutes.deleteByName, { params: { name } });
      return true;
    case 'label':
      await client.call(labelRoutes.deleteByName, { params: { name } });
      return true;
    case 'policy': {
      const policy = await policyByName(client, name, team?.id);
      if (!policy) return false;
      if (team) await client.call(policyRoutes.deleteTeam, { params: { id: team.id }, body: { ids: [policy.id] } });
      else await client.call(policyRoutes.delete, { body: { ids: [policy.id] } });
      return true;
    }
    case 'team': {
      const found = await teamByName(client, name);
      if (!found) return false;
      await client.call(teamRoutes.delete, { params: { id: found.id } });
      return true;
    }
    case 'config':
    case 'enroll_secret':
    case 'user_roles':
      return false;
  }
}
