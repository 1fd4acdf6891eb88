import { configRoutes, policyRoutes, specRoutes, teamRoutes } from '@fleet/contracts';
import type { ApiClient } from '../http/api.client';
import { readTeamScope, readTeams } from './gitops.state';

type Json = Record<string, unknown>;

/** Org settings sections an admin sets and `gitops` applies back (server facts and MDM sections stay out). */
const ORG_SECTIONS = ['org_info', 'server_settings', 'features', 'host_expiry_settings', 'activity_expiry_settings', 'webhook_settings',
  'integrations', 'sso_settings', 'fleet_desktop', 'vulnerability_settings'] as const;
const TEAM_SECTIONS = ['features', 'host_expiry_settings', 'webhook_settings', 'integrations'] as const;
const QUERY_KEYS = ['name', 'description', 'query', 'interval', 'observer_can_run', 'platform', 'min_osquery_version', 'automations_enabled', 'logging', 'discard_data'] as const;
const POLICY_KEYS = ['name', 'description', 'resolution', 'query', 'platform', 'critical'] as const;

/** A generated tree: file path (relative to --dir) → document, plus where secrets were replaced by variables. */
export interface GeneratedGitops {
  readonly files: Map<string, Json>;
  readonly redacted: Array<{ readonly file: string; readonly key: string; readonly variable: string }>;
}

/** A team name as a file name, the way Fleet names them: lower case, spaces as dashes, path characters replaced. */
export function gitopsFilename(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, '-').replace(/[/\\:*?"<>|]/g, '_').replace(/^-+|-+$/g, '') || 'team';
}

const pick = <K extends string>(o: Record<string, unknown>, keys: readonly K[]): Json => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const envName = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

export interface GenerateOptions {
  /** Write secrets as they are instead of as `$VARIABLE` references. */
  readonly insecure: boolean;
  /** 'global' for default.yml only, a team name for that team's file only, undefined for everything. */
  readonly team?: string;
}

/**
 * Reads the server and writes what `fleetctl gitops` would need to rebuild it: `default.yml` (org settings with
 * the global enroll secrets, agent options, labels, global policies and queries) and `teams/<team>.yml` per
 * team. Without `insecure`, enroll secrets and SSO metadata are written as environment variable references
 * (which gitops expands), so the files can be committed; `redacted` lists the variables to set.
 */
export async function generateGitops(client: ApiClient, o: GenerateOptions): Promise<GeneratedGitops> {
  const files = new Map<string, Json>();
  const redacted: GeneratedGitops['redacted'] = [];
  const secret = (file: string, key: string, variable: string, value: string): string => {
    if (o.insecure) return value;
    redacted.push({ file, key, variable });
    return `$${variable}`;
  };
  const secrets = (file: string, prefix: string, list: ReadonlyArray<{ secret: string }>): Json[] =>
    list.map((s, i) => ({ secret: secret(file, `secrets[${i}]`, `${prefix}_ENROLL_SECRET_${i + 1}`, s.secret) }));

  if (o.team === undefined || o.team === 'global') {
    const config = await client.call(configRoutes.get, {});
    const org = pick(config, ORG_SECTIONS);
    const sso = { ...((org['sso_settings'] as Json | undefined) ?? {}) };
    for (const k of ['metadata', 'metadata_url'] as const) {
      if (typeof sso[k] === 'string' && sso[k] !== '') sso[k] = secret('default.yml', `org_settings.sso_settings.${k}`, `FLEET_SSO_${k.toUpperCase()}`, sso[k]);
    }
    if (org['sso_settings']) org['sso_settings'] = sso;
    const [globalSecrets, labels, policies, queries] = await Promise.all([
      client.call(teamRoutes.globalSecrets, {}), client.call(specRoutes.labels, {}), client.call(policyRoutes.list, {}), client.call(specRoutes.queries, {}),
    ]);
    org['secrets'] = secrets('default.yml', 'FLEET_GLOBAL', globalSecrets.spec.secrets);
    files.set('default.yml', {
      org_settings: org, agent_options: config['agent_options'] ?? null, controls: {},
      labels: labels.specs.filter((l) => l.label_type !== 'builtin').map((l) => ({
        name: l.name, description: l.description, platform: l.platform, label_membership_type: l.label_membership_type ?? 'dynamic',
        ...(l.label_membership_type === 'manual' ? { hosts: l.hosts ?? [] } : { query: l.query }),
      })),
      policies: policies.policies.map((p) => pick(p, POLICY_KEYS)),
      queries: queries.specs.map((q) => pick(q, QUERY_KEYS)),
    });
  }
  if (o.team === 'global') return { files, redacted };
  const used = new Set<string>();
  for (const t of await readTeams(client)) {
    if (o.team !== undefined && o.team !== t.name && gitopsFilename(o.team) !== gitopsFilename(t.name)) continue;
    let base = gitopsFilename(t.name);
    for (let n = 2; used.has(base); n += 1) base = `${gitopsFilename(t.name)}-${n}`;
    used.add(base);
    const file = `teams/${base}.yml`;
    const scope = await readTeamScope(client, t.id);
    files.set(file, {
      name: t.name,
      team_settings: { secrets: secrets(file, `FLEET_${envName(base)}`, t.secrets ?? []), ...pick(t as unknown as Json, TEAM_SECTIONS) },
      ...(t.agent_options ? { agent_options: t.agent_options } : {}),
      policies: scope.policies.map((p) => pick(p as unknown as Json, POLICY_KEYS)),
      queries: scope.queries.map((q) => pick(q as unknown as Json, QUERY_KEYS)),
    });
  }
  return { files, redacted };
}
