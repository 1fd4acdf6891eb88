import { CliError } from '../cli.error';
import { covers, deepEqual, differingPaths, sameSet } from './deep-compare';
import type { GitopsFile } from './gitops.loader';
import type { GitopsLabel, GitopsPolicy, GitopsQuery } from './gitops.schema';

type Json = Record<string, unknown>;

/** The server's objects, as far as a plan compares them. */
export interface CurrentQuery {
  readonly name: string; readonly description: string; readonly query: string; readonly interval: number; readonly observer_can_run: boolean;
  readonly platform: string; readonly min_osquery_version: string; readonly automations_enabled: boolean; readonly logging: string; readonly discard_data: boolean;
}
export interface CurrentPolicy {
  readonly id: number; readonly name: string; readonly query: string; readonly description: string; readonly resolution: string;
  readonly platform: string; readonly critical: boolean;
}
export interface CurrentLabel {
  readonly name: string; readonly description: string; readonly query: string; readonly platform: string;
  readonly label_type?: string; readonly label_membership_type?: string; readonly hosts?: readonly string[] | null;
}
export interface CurrentTeam {
  readonly id: number; readonly name: string; readonly agent_options: Json | null; readonly secrets?: ReadonlyArray<{ readonly secret: string }>;
  readonly features: Json; readonly host_expiry_settings: Json; readonly webhook_settings: Json; readonly integrations: Json;
}
export interface ScopeState {
  readonly policies: readonly CurrentPolicy[];
  readonly queries: readonly CurrentQuery[];
}
export interface GlobalState extends ScopeState {
  readonly config: Json;
  readonly secrets: readonly string[];
  readonly labels: readonly CurrentLabel[];
}

/** A team a change belongs to; `id` is unknown until a team the same run creates exists. */
export interface TeamRef {
  readonly name: string;
  readonly id?: number;
}

export type QuerySpecOut = Omit<GitopsQuery, 'labels_include_any' | 'labels_include_all' | 'labels_exclude_any'> & { team: string };
export type PolicyBody = Pick<GitopsPolicy, 'name' | 'query' | 'description' | 'resolution' | 'platform' | 'critical'>;
export type LabelSpecOut = Pick<GitopsLabel, 'name' | 'description' | 'query' | 'platform' | 'label_membership_type'> & { hosts?: string[] };

/** One write a GitOps run makes; the runner prints it and, outside --dry-run, performs it. */
export type Change =
  | { readonly kind: 'fleet config'; readonly paths: readonly string[]; readonly patch: Json }
  | { readonly kind: 'enroll secrets'; readonly secrets: readonly string[] }
  | { readonly kind: 'label'; readonly op: 'add' | 'update'; readonly name: string; readonly spec: LabelSpecOut }
  | { readonly kind: 'label'; readonly op: 'delete'; readonly name: string }
  | { readonly kind: 'query'; readonly op: 'add' | 'update'; readonly name: string; readonly team?: TeamRef; readonly spec: QuerySpecOut }
  | { readonly kind: 'query'; readonly op: 'delete'; readonly name: string; readonly team?: TeamRef }
  | { readonly kind: 'policy'; readonly op: 'add'; readonly name: string; readonly team?: TeamRef; readonly body: PolicyBody }
  | { readonly kind: 'policy'; readonly op: 'update'; readonly name: string; readonly team?: TeamRef; readonly id: number; readonly body: PolicyBody }
  | { readonly kind: 'policy'; readonly op: 'delete'; readonly name: string; readonly team?: TeamRef; readonly id: number }
  | { readonly kind: 'team'; readonly op: 'add' | 'update'; readonly name: string; readonly keys: readonly string[]; readonly spec: Json }
  | { readonly kind: 'team'; readonly op: 'delete'; readonly name: string; readonly id: number };

const QUERY_FIELDS = ['description', 'query', 'interval', 'observer_can_run', 'platform', 'min_osquery_version', 'automations_enabled', 'logging', 'discard_data'] as const;
const POLICY_FIELDS = ['query', 'description', 'resolution', 'platform', 'critical'] as const;

function querySpec(q: GitopsQuery, team: string): QuerySpecOut {
  return {
    name: q.name, description: q.description, query: q.query, team, interval: q.interval, observer_can_run: q.observer_can_run, platform: q.platform,
    min_osquery_version: q.min_osquery_version, automations_enabled: q.automations_enabled, logging: q.logging, discard_data: q.discard_data,
  };
}

/** Queries of one scope: added and changed ones by name, and those the file no longer lists deleted. */
export function planQueries(desired: readonly GitopsQuery[], current: readonly CurrentQuery[], team?: TeamRef): Change[] {
  const byName = new Map(current.map((q) => [q.name, q]));
  const changes: Change[] = [];
  for (const q of desired) {
    const spec = querySpec(q, team?.name ?? '');
    const cur = byName.get(q.name);
    const same = cur && QUERY_FIELDS.every((f) => (f === 'logging' ? (cur.logging || 'snapshot') === spec.logging : cur[f] === spec[f]));
    if (!same) changes.push({ kind: 'query', op: cur ? 'update' : 'add', name: q.name, team, spec });
  }
  const wanted = new Set(desired.map((q) => q.name));
  for (const q of current) if (!wanted.has(q.name)) changes.push({ kind: 'query', op: 'delete', name: q.name, team });
  return changes;
}

/** Policies of one scope, updated in place (by id) so their results and ids survive a change of text. */
export function planPolicies(desired: readonly GitopsPolicy[], current: readonly CurrentPolicy[], team?: TeamRef): Change[] {
  const byName = new Map(current.map((p) => [p.name, p]));
  const changes: Change[] = [];
  for (const p of desired) {
    const body: PolicyBody = { name: p.name, query: p.query, description: p.description, resolution: p.resolution, platform: p.platform, critical: p.critical };
    const cur = byName.get(p.name);
    if (!cur) changes.push({ kind: 'policy', op: 'add', name: p.name, team, body });
    else if (!POLICY_FIELDS.every((f) => cur[f] === body[f])) changes.push({ kind: 'policy', op: 'update', name: p.name, team, id: cur.id, body });
  }
  const wanted = new Set(desired.map((p) => p.name));
  for (const p of current) if (!wanted.has(p.name)) changes.push({ kind: 'policy', op: 'delete', name: p.name, team, id: p.id });
  return changes;
}

/** Labels (global only). Built-in labels are never touched; a manual label's hosts compare as a set of hostnames. */
export function planLabels(desired: readonly GitopsLabel[], current: readonly CurrentLabel[]): Change[] {
  const byName = new Map(current.map((l) => [l.name, l]));
  const changes: Change[] = [];
  for (const l of desired) {
    const manual = l.label_membership_type === 'manual';
    const spec: LabelSpecOut = {
      name: l.name, description: l.description, query: manual ? '' : l.query, platform: l.platform, label_membership_type: l.label_membership_type,
      ...(manual ? { hosts: l.hosts ?? [] } : {}),
    };
    const cur = byName.get(l.name);
    const same = cur && cur.description === spec.description && cur.query === spec.query && cur.platform === spec.platform
      && (cur.label_membership_type ?? 'dynamic') === spec.label_membership_type && (!manual || sameSet(cur.hosts ?? [], spec.hosts ?? []));
    if (!same) changes.push({ kind: 'label', op: cur ? 'update' : 'add', name: l.name, spec });
  }
  const wanted = new Set(desired.map((l) => l.name));
  for (const l of current) if (l.label_type !== 'builtin' && !wanted.has(l.name)) changes.push({ kind: 'label', op: 'delete', name: l.name });
  return changes;
}

/** The global file: org settings and agent options (one PATCH of the changed sections), secrets, labels, policies, queries. */
export function planGlobal(file: GitopsFile, state: GlobalState): Change[] {
  const changes: Change[] = [];
  const builtin = new Set(state.labels.filter((l) => l.label_type === 'builtin').map((l) => l.name));
  const clash = (file.labels ?? []).find((l) => builtin.has(l.name));
  if (clash) throw new CliError(`label "${clash.name}" is a built-in label; built-in labels cannot be managed with gitops`);
  if (file.labels) changes.push(...planLabels(file.labels, state.labels).filter((c) => c.kind === 'label' && c.op !== 'delete'));
  const desired: Json = { ...(file.orgSettings ?? {}) };
  const patch: Json = {};
  const paths: string[] = [];
  for (const [k, v] of Object.entries(desired)) {
    if (covers(state.config[k], v)) continue;
    patch[k] = v;
    paths.push(...(v && typeof v === 'object' && !Array.isArray(v) ? differingPaths(state.config[k], v as Json, k, 1) : [k]));
  }
  if (file.agentOptions && !deepEqual(state.config['agent_options'], file.agentOptions)) {
    patch['agent_options'] = file.agentOptions;
    paths.push('agent_options');
  }
  if (paths.length) changes.push({ kind: 'fleet config', paths, patch });
  if (file.globalSecrets && !sameSet(state.secrets, file.globalSecrets)) changes.push({ kind: 'enroll secrets', secrets: file.globalSecrets });
  changes.push(...planPolicies(file.policies, state.policies), ...planQueries(file.queries, state.queries));
  if (file.labels) changes.push(...planLabels(file.labels, state.labels).filter((c) => c.kind === 'label' && c.op === 'delete'));
  return changes;
}

/**
 * One team file: the team itself (created, or its changed settings, agent options and secrets), then its
 * policies and queries. For a team that does not exist yet everything it lists is an addition.
 */
export function planTeam(file: GitopsFile & { teamName: string }, current: CurrentTeam | undefined, scope: ScopeState | undefined): Change[] {
  const settings: Json = { ...(file.teamSettings ?? {}) };
  if (file.agentOptions) settings['agent_options'] = file.agentOptions;
  if (file.teamSecrets) settings['secrets'] = file.teamSecrets.map((secret) => ({ secret }));
  const keys = Object.keys(settings).filter((k) => {
    if (!current) return true;
    if (k === 'agent_options') return !deepEqual(current.agent_options, settings[k]);
    if (k === 'secrets') return !sameSet((current.secrets ?? []).map((s) => s.secret), file.teamSecrets ?? []);
    return !covers((current as unknown as Json)[k], settings[k]);
  });
  const changes: Change[] = [];
  if (!current || keys.length) {
    changes.push({ kind: 'team', op: current ? 'update' : 'add', name: file.teamName, keys, spec: { name: file.teamName, ...Object.fromEntries(keys.map((k) => [k, settings[k]])) } });
  }
  const team: TeamRef = { name: file.teamName, id: current?.id };
  changes.push(...planPolicies(file.policies, scope?.policies ?? [], team), ...planQueries(file.queries, scope?.queries ?? [], team));
  return changes;
}
