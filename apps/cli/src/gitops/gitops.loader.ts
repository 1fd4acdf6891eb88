import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { CliError } from '../cli.error';
import { expandEnv } from '../specs/spec.parser';
import {
  CONTROL_KEYS, IGNORED_ITEM_KEYS, ORG_IGNORED_KEYS, TOP_LEVEL_KEYS, gitopsLabelSchema, gitopsPolicySchema, gitopsQuerySchema, isSet, orgSettingsSchema,
  teamSettingsSchema,
} from './gitops.schema';
import type { GitopsLabel, GitopsPolicy, GitopsQuery } from './gitops.schema';

type Json = Record<string, unknown>;

/** One GitOps file, read, expanded and validated. `undefined` means "this file does not manage it". */
export interface GitopsFile {
  readonly path: string;
  readonly fileName: string;
  /** undefined for the global file (default.yml). */
  readonly teamName?: string;
  readonly noTeam: boolean;
  readonly orgSettings?: Json;
  readonly globalSecrets?: string[];
  readonly teamSettings?: Json;
  readonly teamSecrets?: string[];
  readonly agentOptions?: Json;
  readonly controlsDefined: boolean;
  readonly policies: GitopsPolicy[];
  readonly queries: GitopsQuery[];
  readonly labels?: GitopsLabel[];
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyPath = (v: unknown): v is { path: string } => isObj(v) && Object.keys(v).length === 1 && typeof v['path'] === 'string';

/** Reads a YAML file with `$VAR`/`${VAR}` taken from the environment (Fleet expands before parsing). */
function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`failed to read file: ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    text = expandEnv(text);
  } catch (e) {
    throw new CliError(`failed to expand environment in file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parse(text) as unknown;
  } catch (e) {
    throw new CliError(`failed to unmarshal file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A zod failure as Fleet words it: an unknown key, or the key and what was wrong with it. */
function issueText(file: string, where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = [where, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  if (issue?.code === 'unrecognized_keys') return `unknown key "${[path, issue.keys[0]].filter(Boolean).join('.')}" in "${file}"`;
  return `Couldn't edit "${file}" at "${path}": ${issue?.message ?? 'invalid'}`;
}

class Reader {
  readonly errors: string[] = [];
  constructor(readonly file: string, private readonly baseDir: string, private readonly warn: (l: string) => void) {}

  /** A section given inline or as `{path: file}` (relative to this file; no nested paths). */
  section(key: string, v: unknown): unknown {
    if (!onlyPath(v)) return v;
    const inner = readYaml(resolve(this.baseDir, v.path));
    if (onlyPath(inner)) this.errors.push(`nested paths are not supported: ${inner.path} in ${v.path}`);
    if (inner !== null && !isObj(inner)) this.errors.push(`Couldn't edit "${v.path}" at "${key}": expected a mapping`);
    return inner;
  }

  /** A list whose items are given inline or as `- path: file` holding a list of items. */
  items<S extends z.ZodType>(key: string, v: unknown, schema: S, kind: keyof typeof IGNORED_ITEM_KEYS): Array<z.output<S>> {
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) {
      this.errors.push(`Couldn't edit "${this.file}" at "${key}": expected a list`);
      return [];
    }
    const raw: Array<{ item: unknown; where: string; file: string }> = [];
    v.forEach((item, i) => {
      if (!onlyPath(item)) return raw.push({ item, where: `${key}[${i}]`, file: this.file });
      const inner = readYaml(resolve(this.baseDir, item.path));
      if (!Array.isArray(inner)) return this.errors.push(`Couldn't edit "${item.path}" at "${key}": expected a list of ${key}`);
      inner.forEach((x, j) => (onlyPath(x) ? this.errors.push(`nested paths are not supported: ${x.path} in ${item.path}`) : raw.push({ item: x, where: `${key}[${j}]`, file: item.path })));
    });
    const out: Array<z.output<S>> = [];
    const seen = new Set<string>();
    for (const r of raw) {
      const parsed = schema.safeParse(r.item);
      if (!parsed.success) { this.errors.push(issueText(r.file, r.where, parsed.error)); continue; }
      const item = parsed.data as z.output<S> & { name: string };
      if (seen.has(item.name)) this.errors.push(`duplicate ${kind} name "${item.name}" in ${this.file}`);
      seen.add(item.name);
      for (const k of IGNORED_ITEM_KEYS[kind]) {
        if (isSet((item as Json)[k])) this.warn(`[!] ${this.file}: ${kind} "${item.name}": "${k}" is not supported by this server; ignored`);
      }
      out.push(item);
    }
    return out;
  }

  settings<S extends z.ZodType>(key: string, v: unknown, schema: S): z.output<S> | undefined {
    const parsed = schema.safeParse(this.section(key, v) ?? {});
    if (!parsed.success) { this.errors.push(issueText(this.file, key, parsed.error)); return undefined; }
    return parsed.data;
  }
}

const present = (o: Json, keys: readonly string[]): Json => Object.fromEntries(keys.filter((k) => o[k] !== undefined && o[k] !== null).map((k) => [k, o[k]]));

/**
 * Loads one GitOps file. Every problem found is reported at once (as Fleet's multi-error does) and nothing is
 * sent when there is one. Things this server cannot do are warned about through `warn` and left out.
 */
export function loadGitopsFile(path: string, warn: (line: string) => void): GitopsFile {
  const doc = readYaml(path);
  if (!isObj(doc)) throw new CliError(`failed to unmarshal file ${path}: expected a mapping of top-level keys`);
  const r = new Reader(path, dirname(path), warn);
  for (const k of Object.keys(doc)) if (!(TOP_LEVEL_KEYS as readonly string[]).includes(k)) r.errors.push(`unknown top-level field: ${k}`);
  if ('queries' in doc && 'reports' in doc) r.errors.push(`'queries' and 'reports' cannot both be set in ${path}`);
  if ('team_settings' in doc && 'settings' in doc) r.errors.push(`'team_settings' and 'settings' cannot both be set in ${path}`);
  const isGlobal = 'org_settings' in doc;
  let teamName: string | undefined;
  if (isGlobal && ('name' in doc || 'team_settings' in doc || 'settings' in doc)) r.errors.push("'org_settings' cannot be used with 'name', 'team_settings'");
  if (!isGlobal) {
    if (!('name' in doc)) {
      r.errors.push(`No \`name\` was provided in ${path}. If this file is intended to define org-level settings, add \`org_settings:\` as a top-level key. Otherwise, use \`name\` to specify the team name.`);
    } else if (typeof doc['name'] !== 'string' || doc['name'].trim() === '') r.errors.push("team 'name' is required");
    else teamName = doc['name'].trim().normalize('NFC');
  }
  const noTeam = teamName !== undefined && /^no team$/i.test(teamName);
  if (basename(path) === 'no-team.yml' && teamName !== undefined && !noTeam) r.errors.push('`name` must be `No team` for `no-team.yml`');
  if (!isGlobal && 'labels' in doc) r.errors.push(`'labels' can only be set in the global config (the file with org_settings), not in ${path}`);

  const controls = r.section('controls', doc['controls']);
  if (controls !== null && controls !== undefined && !isObj(controls)) r.errors.push(`Couldn't edit "${path}" at "controls": expected a mapping`);
  for (const [k, v] of Object.entries(isObj(controls) ? controls : {})) {
    if (!(CONTROL_KEYS as readonly string[]).includes(k)) r.errors.push(`unknown key "controls.${k}" in "${path}"`);
    else if (isSet(v)) warn(`[!] ${path}: controls.${k} needs ${k === 'scripts' ? 'scripts' : 'MDM'}, which this server does not have; ignored`);
  }
  if (isSet(doc['software'])) warn(`[!] ${path}: software packages and App Store apps are not supported by this server; ignored`);
  const agentOptions = r.section('agent_options', doc['agent_options']);
  if (agentOptions !== null && agentOptions !== undefined && !isObj(agentOptions)) r.errors.push(`Couldn't edit "${path}" at "agent_options": expected a mapping`);

  const policies = r.items('policies', doc['policies'], gitopsPolicySchema, 'policy');
  const queries = r.items('queries' in doc ? 'queries' : 'reports', doc['queries'] ?? doc['reports'], gitopsQuerySchema, 'query');
  const labels = 'labels' in doc ? r.items('labels', doc['labels'], gitopsLabelSchema, 'label') : undefined;
  const org = isGlobal ? r.settings('org_settings', doc['org_settings'], orgSettingsSchema) : undefined;
  const team = !isGlobal && !noTeam ? r.settings('team_settings', doc['team_settings'] ?? doc['settings'], teamSettingsSchema) : undefined;
  for (const k of ORG_IGNORED_KEYS) if (org && isSet((org as Json)[k])) warn(`[!] ${path}: org_settings.${k} is not supported by this server; ignored`);
  if (noTeam && policies.length > 0) r.errors.push(`${path}: policies for hosts with no team ("No team") are not supported by this server`);
  if (r.errors.length) throw new CliError(r.errors.join('\n'));

  return {
    path, fileName: basename(path), teamName: isGlobal ? undefined : teamName, noTeam,
    orgSettings: org ? present(org, Object.keys(org).filter((k) => k !== 'secrets' && !(ORG_IGNORED_KEYS as readonly string[]).includes(k))) : undefined,
    globalSecrets: org?.secrets, teamSettings: team ? present(team, ['features', 'host_expiry_settings', 'webhook_settings', 'integrations']) : undefined,
    teamSecrets: team?.secrets, agentOptions: isObj(agentOptions) ? agentOptions : undefined, controlsDefined: 'controls' in doc,
    policies, queries, labels,
  };
}
