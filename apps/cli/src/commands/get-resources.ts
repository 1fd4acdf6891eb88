import type { ApiClient } from '../http/api.client';

type Obj = Record<string, unknown>;

/**
 * One `fleetctl get` resource: how to fetch it, its spec kind for --yaml/--json, and its table. `table` is
 * absent for resources Fleet always prints as YAML (config, enroll_secret).
 */
export interface GetResource {
  readonly names: readonly string[];
  readonly kind: string;
  readonly empty?: string;
  fetch(client: ApiClient, arg: string | undefined, flags: GetFlags): Promise<unknown[]>;
  readonly table?: { readonly headers: readonly string[]; row(spec: Obj): unknown[] };
}

export interface GetFlags {
  readonly team?: string;
  readonly name?: string;
  /** get config: keep the server's own settings (license, logging, update intervals) in the output. */
  readonly includeServerConfig?: boolean;
  /** get software: one row per version instead of per title. */
  readonly versions?: boolean;
}

/**
 * Keys of GET /config that describe the server rather than the settings an admin applies; Fleet's
 * `get config` leaves them out unless `--include-server-config` is given, so the output can be applied back.
 */
export const SERVER_CONFIG_KEYS = ['update_interval', 'vulnerabilities', 'license', 'logging', 'email'] as const;

const teamQuery = (f: GetFlags): string => (f.team ? `?team_id=${encodeURIComponent(f.team)}` : '');
const byName = (arg: string | undefined) => (items: Obj[]): Obj[] => (arg ? items.filter((i) => i['name'] === arg) : items);

/** The single-object form of Fleet's spec lists returns `{specs: {...}}`; both shapes read as a list. */
const specs = async (client: ApiClient, path: string): Promise<Obj[]> => {
  const res = await client.api<{ specs: Obj[] | Obj | null }>('GET', path);
  return res.specs === null ? [] : Array.isArray(res.specs) ? res.specs : [res.specs];
};

export const GET_RESOURCES: readonly GetResource[] = [
  {
    names: ['hosts', 'host', 'H'], kind: 'host', empty: 'No hosts found',
    async fetch(client, arg, f) {
      if (arg) return [(await client.api<{ host: Obj }>('GET', `/hosts/identifier/${encodeURIComponent(arg)}`)).host];
      const q = f.team ? `&team_id=${encodeURIComponent(f.team)}` : '';
      return (await client.api<{ hosts: Obj[] }>('GET', `/hosts?additional_info_filters=*${q}`)).hosts;
    },
    table: { headers: ['uuid', 'hostname', 'platform', 'osquery_version', 'status'], row: (h) => [h['uuid'], h['hostname'], h['platform'], h['osquery_version'], h['status']] },
  },
  {
    names: ['labels', 'label', 'l'], kind: 'label', empty: 'No labels found',
    fetch: async (client, arg) => (arg ? specs(client, `/spec/labels/${encodeURIComponent(arg)}`) : specs(client, '/spec/labels')),
    table: { headers: ['name', 'platform', 'description', 'query'], row: (l) => [l['name'], l['platform'], l['description'], l['query']] },
  },
  {
    names: ['queries', 'query', 'q'], kind: 'query', empty: 'No global queries found.',
    fetch: async (client, arg, f) => byName(arg)(await specs(client, `/spec/queries${teamQuery(f)}`)),
    table: {
      headers: ['name', 'description', 'query', 'team', 'schedule'],
      row: (q) => [q['name'], q['description'], q['query'], q['team'] || 'All teams', scheduleText(q)],
    },
  },
  {
    names: ['packs', 'pack', 'p'], kind: 'pack', empty: 'No 2017 "Packs" found.',
    fetch: async (client, arg) => byName(arg)(await specs(client, '/spec/packs')),
    table: { headers: ['name', 'platform', 'description', 'disabled'], row: (p) => [p['name'], p['platform'], p['description'], p['disabled']] },
  },
  {
    names: ['policies', 'policy'], kind: 'policy', empty: 'No policies found',
    async fetch(client, arg, f) {
      const path = f.team ? `/teams/${encodeURIComponent(f.team)}/policies` : '/global/policies';
      const res = await client.api<{ policies: Obj[] | null }>('GET', path);
      return byName(arg)((res.policies ?? []).map(policySpec));
    },
    table: { headers: ['name', 'query', 'platform', 'critical', 'team'], row: (p) => [p['name'], p['query'], p['platform'], p['critical'], p['team'] || 'All teams'] },
  },
  {
    names: ['teams', 'team', 't'], kind: 'team', empty: 'No teams found',
    async fetch(client, _arg, f) {
      const q = f.name ? `?query=${encodeURIComponent(f.name)}` : '';
      const { teams } = await client.api<{ teams: Obj[] }>('GET', `/teams${q}`);
      return teams.map((t) => ({ team: t }));
    },
    table: {
      headers: ['Team name', 'Team ID', 'Host count', 'User count'],
      row: (s) => { const t = s['team'] as Obj; return [t['name'], t['id'], t['host_count'], t['user_count']]; },
    },
  },
  {
    names: ['user_roles', 'user_role', 'ur'], kind: 'user_roles',
    async fetch(client) {
      const { users } = await client.api<{ users: Obj[] }>('GET', '/users');
      const roles: Obj = {};
      for (const u of users) {
        const teams = (u['teams'] as Obj[] | null) ?? [];
        roles[u['email'] as string] = { global_role: u['global_role'] ?? null, teams: teams.length ? teams.map((t) => ({ role: t['role'], team: t['name'] })) : null };
      }
      return [{ roles }];
    },
    table: { headers: ['User', 'Global Role'], row: () => [] },
  },
  {
    names: ['enroll_secret', 'enroll_secrets', 'enroll-secret', 'enroll-secrets'], kind: 'enroll_secret',
    fetch: async (client) => [(await client.api<{ spec: Obj }>('GET', '/spec/enroll_secret')).spec],
  },
  {
    names: ['config'], kind: 'config',
    async fetch(client, _arg, f) {
      const config = await client.api<Obj>('GET', '/config');
      if (!f.includeServerConfig) for (const k of SERVER_CONFIG_KEYS) delete config[k];
      return [config];
    },
  },
  {
    names: ['software', 's'], kind: 'software', empty: 'No software found',
    async fetch(client, _arg, f) {
      if (f.versions) return (await client.api<{ software?: Obj[] | null }>('GET', `/software/versions${teamQuery(f)}`)).software ?? [];
      return (await client.api<{ software_titles?: Obj[] | null }>('GET', `/software/titles${teamQuery(f)}`)).software_titles ?? [];
    },
    table: {
      headers: ['Name', 'Versions', 'Type', 'Vulnerabilities', 'Hosts'],
      // Fleet prints the number of distinct CVEs over the title's versions.
      row: (s) => [s['name'], (s['versions'] as Obj[]).map((v) => v['version']).join(', '), s['source'],
        `${new Set((s['versions'] as Obj[]).flatMap((v) => (v['vulnerabilities'] as string[] | null) ?? [])).size} vulnerabilities`, s['hosts_count']],
    },
  },
];

/** `get software --versions`: one row per version (Fleet's columns). */
export const SOFTWARE_VERSIONS_TABLE = {
  headers: ['Name', 'Version', 'Type', 'Vulnerabilities', 'Hosts'],
  row: (v: Obj): unknown[] => [v['name'], v['version'], v['source'], `${((v['vulnerabilities'] as Obj[] | null) ?? []).length} vulnerabilities`, v['hosts_count']],
};

function scheduleText(q: Obj): string {
  const parts = [`interval: ${Number(q['interval'] ?? 0)}`];
  for (const k of ['platform', 'min_osquery_version', 'automations_enabled', 'logging', 'discard_data']) {
    if (q[k] !== undefined && q[k] !== '') parts.push(`${k}: ${typeof q[k] === 'string' ? q[k] : JSON.stringify(q[k])}`);
  }
  return parts.join(', ');
}

/** A policy as the `kind: policy` spec fleetctl applies (the REST object carries ids and counts besides). */
function policySpec(p: Obj): Obj {
  return {
    name: p['name'], query: p['query'], description: p['description'] ?? '', resolution: p['resolution'] ?? '',
    platform: p['platform'] ?? '', critical: p['critical'] ?? false, team: (p['team_name']) ?? '',
  };
}

