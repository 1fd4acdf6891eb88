import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CONFIG_SCHEMA, ENV_ONLY } from './config.schema';
import { isOption, parseBytes, parseDuration } from './option.types';
import type { AnyOption, OptionTree, StructuredOption, ValuesOf } from './option.types';

export type FleetOptions = ValuesOf<typeof CONFIG_SCHEMA>;

export interface FleetConfig extends FleetOptions {
  /** Settings read only from the environment under their conventional names. */
  readonly env: { readonly [K in keyof typeof ENV_ONLY]: string };
  /** Path of the YAML file the options were read from, if any. */
  readonly configFile: string;
}

export interface ConfigSources {
  /** Flag values keyed by flag name without dashes (`mysql_address`); `true` for a bare boolean flag. */
  readonly flags?: Readonly<Record<string, string | boolean | undefined>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path of a YAML config file (`-c`). */
  readonly configFile?: string;
}

export interface OptionEntry {
  readonly key: string;
  readonly path: readonly string[];
  readonly flag: string;
  readonly envVar: string;
  readonly option: AnyOption;
}

/** Thrown when configuration is invalid; `problems` lists every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function optionEntries(tree: OptionTree = CONFIG_SCHEMA, prefix: readonly string[] = []): OptionEntry[] {
  const out: OptionEntry[] = [];
  for (const [name, node] of Object.entries(tree)) {
    const path = [...prefix, name];
    if (isOption(node)) {
      const flag = path.join('_');
      out.push({ key: path.join('.'), path, flag, envVar: `FLEET_${flag.toUpperCase()}`, option: node });
    } else {
      out.push(...optionEntries(node, path));
    }
  }
  return out;
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseValue(option: AnyOption, raw: unknown): Parsed {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (option.kind) {
    case 'string':
      return typeof text === 'string' || typeof text === 'number' ? { ok: true, value: String(raw) } : { ok: false, reason: 'expected a string' };
    case 'bool':
      if (typeof text === 'boolean') return { ok: true, value: text };
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return { ok: false, reason: `expected true or false, got ${JSON.stringify(raw)}` };
    case 'int': {
      const n = typeof text === 'number' ? text : typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n)) return { ok: false, reason: `expected an integer, got ${JSON.stringify(raw)}` };
      if (n < (option.min ?? 0) || n > (option.max ?? Number.MAX_SAFE_INTEGER)) {
        return { ok: false, reason: `must be between ${option.min ?? 0} and ${option.max ?? Number.MAX_SAFE_INTEGER}, got ${n}` };
      }
      return { ok: true, value: n };
    }
    case 'duration': {
      const ms = typeof text === 'number' ? text * 1000 : typeof text === 'string' ? parseDuration(text) : undefined;
      return ms === undefined || ms < 0 ? { ok: false, reason: `expected a duration such as 30s or 1h, got ${JSON.stringify(raw)}` } : { ok: true, value: ms };
    }
    case 'bytes': {
      const b = typeof text === 'number' ? text : typeof text === 'string' ? parseBytes(text) : undefined;
      return b === undefined || b <= 0 ? { ok: false, reason: `expected a size such as 10MiB, got ${JSON.stringify(raw)}` } : { ok: true, value: b };
    }
    case 'enum':
      return typeof text === 'string' && option.values.includes(text)
        ? { ok: true, value: text }
        : { ok: false, reason: `must be one of ${option.values.join(', ')}, got ${JSON.stringify(raw)}` };
    case 'structured':
      return parseStructured(option, raw);
  }
}

/** A structured option arrives as YAML from the file, or as JSON (or YAML) text from a flag or the environment. */
function parseStructured(option: StructuredOption, raw: unknown): Parsed {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = raw.trim() === '' ? option.default : (parseYaml(raw) as unknown);
    } catch (err) {
      return { ok: false, reason: `expected JSON or YAML text: ${(err as Error).message}` };
    }
  }
  return option.parse(value);
}

function readYaml(path: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`config file ${path}: ${(err as Error).message}`);
    return {};
  }
  try {
    const doc: unknown = parseYaml(text);
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      problems.push(`config file ${path}: expected a mapping of sections (mysql:, redis:, ...)`);
      return {};
    }
    return doc as Record<string, unknown>;
  } catch (err) {
    problems.push(`config file ${path}: ${(err as Error).message}`);
    return {};
  }
}

/** Reports keys of a YAML document that are not options, so that typos are not silently ignored. */
function unknownYamlKeys(doc: unknown, tree: OptionTree, prefix: string, out: string[]): void {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return;
  for (const [name, value] of Object.entries(doc as Record<string, unknown>)) {
    const node = tree[name];
    const key = prefix ? `${prefix}.${name}` : name;
    if (!node) out.push(`config file: unknown option ${key}`);
    else if (!isOption(node)) unknownYamlKeys(value, node, key, out);
  }
}

function lookup(doc: Record<string, unknown>, path: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = target;
  for (const p of path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

/**
 * Builds the configuration with Fleet's precedence: flag > FLEET_* environment > YAML file > default.
 * Throws ConfigError listing every invalid value.
 */
export function loadConfig(sources: ConfigSources = {}): FleetConfig {
  const problems: string[] = [];
  const flags = sources.flags ?? {};
  const env = sources.env ?? {};
  const file = sources.configFile ? readYaml(sources.configFile, problems) : {};
  if (sources.configFile) unknownYamlKeys(file, CONFIG_SCHEMA, '', problems);

  const values: Record<string, unknown> = {};
  for (const entry of optionEntries()) {
    const candidates: Array<[string, unknown]> = [
      [`flag --${entry.flag}`, flags[entry.flag]],
      [`environment ${entry.envVar}`, env[entry.envVar]],
      [`config file key ${entry.key}`, sources.configFile ? lookup(file, entry.path) : undefined],
    ];
    const found = candidates.find(([, v]) => v !== undefined && v !== null);
    if (!found) {
      setPath(values, entry.path, entry.option.default);
      continue;
    }
    const parsed = parseValue(entry.option, found[1]);
    if (parsed.ok) setPath(values, entry.path, parsed.value);
    else problems.push(`${entry.key} (${found[0]}): ${parsed.reason}`);
  }

  const envOnly: Record<string, string> = {};
  for (const [name, variable] of Object.entries(ENV_ONLY)) {
    envOnly[name] = env[variable] ?? env[variable.toLowerCase()] ?? '';
  }
  const config = { ...values, env: envOnly, configFile: sources.configFile ?? '' } as unknown as FleetConfig;
  problems.push(...crossChecks(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function crossChecks(c: FleetConfig): string[] {
  const problems: string[] = [];
  if (c.mysql.password && c.mysql.password_path) problems.push('mysql.password and mysql.password_path cannot both be set');
  if (c.server.url_prefix && !/^(?:\/[a-zA-Z0-9_.~-]+)+$/.test(c.server.url_prefix)) {
    problems.push(`server.url_prefix must look like /fleet (got ${JSON.stringify(c.server.url_prefix)})`);
  }
  if (Boolean(c.server.cert) !== Boolean(c.server.key)) problems.push('server.cert and server.key must be set together');
  if (!/^[^:]*:\d+$/.test(c.server.address) && !/^\[.*\]:\d+$/.test(c.server.address)) {
    problems.push(`server.address must be host:port (got ${JSON.stringify(c.server.address)})`);
  }
  if (c.osquery.result_log_plugin === 'webhook' && !c.webhook.result_url) problems.push('osquery.result_log_plugin is webhook but webhook.result_url is empty');
  if (c.osquery.status_log_plugin === 'webhook' && !c.webhook.status_url) problems.push('osquery.status_log_plugin is webhook but webhook.status_url is empty');
  for (const kind of ['result', 'status'] as const) {
    if (c.osquery[`${kind}_log_plugin`] !== 'nats') continue;
    if (!c.nats.server) problems.push(`osquery.${kind}_log_plugin is nats but nats.server is empty`);
    if (!c.nats[`${kind}_subject`]) problems.push(`osquery.${kind}_log_plugin is nats but nats.${kind}_subject is empty`);
  }
  if (c.nats.cred_file && c.nats.nkey_file) problems.push('nats.cred_file and nats.nkey_file cannot both be set');
  const ba = c.prometheus.basic_auth;
  if (Boolean(ba.username) !== Boolean(ba.password)) problems.push('prometheus.basic_auth.username and password must be set together');
  return problems;
}

/** The process environment. The only place outside tests that reads it. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
