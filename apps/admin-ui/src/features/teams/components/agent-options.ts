import { parse, stringify } from 'yaml';

type Json = Record<string, unknown>;
type Kind = 'boolean' | 'number' | 'string';

/** Top-level keys of Fleet's agent options. */
const TOP_LEVEL = new Set(['config', 'overrides', 'command_line_flags', 'extensions', 'channels', 'update_channels', 'script_execution_timeout']);
/** Keys of an osquery config (and of each platform override). */
const CONFIG_KEYS = new Set(['options', 'decorators', 'schedule', 'packs', 'file_paths', 'file_paths_query', 'file_accesses', 'exclude_paths', 'yara',
  'prometheus_targets', 'views', 'events', 'auto_table_construction', 'feature_vectors', 'kafka_topics']);

const B = 'boolean', N = 'number', S = 'string';
/**
 * osquery's runtime options (the flags a config's `options` may set) and their types, as osquery's
 * `--help` lists them and Fleet validates them. Flags only an extension knows are reported as unknown
 * (a warning, since extensions add their own).
 */
const OSQUERY_OPTIONS: Readonly<Record<string, Kind>> = {
  audit_allow_config: B, audit_allow_fim_events: B, audit_allow_process_events: B, audit_allow_sockets: B, audit_allow_user_events: B,
  audit_backlog_limit: N, audit_persist: B, aws_access_key_id: S, aws_region: S, aws_secret_access_key: S, buffered_log_max: N,
  carver_block_size: N, carver_compression: B, carver_continue_endpoint: S, carver_disable_function: B, carver_expiry: N, carver_start_endpoint: S,
  config_accelerated_refresh: N, config_refresh: N, config_tls_max_attempts: N, disable_audit: B, disable_caching: B, disable_carver: B,
  disable_database: B, disable_decorators: B, disable_distributed: B, disable_endpointsecurity: B, disable_endpointsecurity_fim: B, disable_events: B,
  disable_hash_cache: B, disable_logging: B, disable_tables: S, distributed_denylist_duration: N, distributed_interval: N, distributed_loginfo: B,
  distributed_plugin: S, distributed_tls_max_attempts: N, distributed_tls_read_endpoint: S, distributed_tls_write_endpoint: S, enable_bpf_events: B,
  enable_file_events: B, enable_foreign: B, enable_keyboard_events: B, enable_mouse_events: B, enable_ntfs_event_publisher: B,
  enable_numeric_monitoring: B, enable_powershell_events_subscriber: B, enable_tables: S, enable_windows_events_publisher: B,
  enable_windows_events_subscriber: B, es_fim_mute_path_literal: S, es_fim_mute_path_prefix: S, events_enforce_denylist: B, events_expiry: N,
  events_max: N, events_optimize: B, hash_cache_max: N, hash_delay: N, host_identifier: S, logger_event_type: B, logger_min_status: N,
  logger_min_stderr: N, logger_numerics: B, logger_path: S, logger_plugin: S, logger_snapshot_event_type: B, logger_tls_compress: B,
  logger_tls_endpoint: S, logger_tls_max_lines: N, logger_tls_max_linesize: N, logger_tls_period: N, nullvalue: S, pack_delimiter: S,
  pack_refresh_interval: N, read_max: N, schedule_default_interval: N, schedule_epoch: N, schedule_lognames: B, schedule_max_drift: N,
  schedule_reload: N, schedule_splay_percent: N, schedule_timeout: N, table_delay: N, thrift_string_size: N, thrift_timeout: N, thrift_verbose: B,
  utc: B, value_max: N, verbose: B, watchdog_delay: N, watchdog_forced_shutdown_delay: N, watchdog_latency_limit: N, watchdog_level: N,
  watchdog_memory_limit: N, watchdog_utilization_limit: N, windows_event_channels: S, worker_threads: N, yara_delay: N,
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface AgentOptionsCheck {
  /** The parsed options, when the text is YAML or JSON of an object. */
  readonly value: Json | null;
  /** Problems that stop a save: not YAML, wrong shape, an option of the wrong type. */
  readonly errors: string[];
  /** Names osquery does not know (an extension's flags are allowed): saved after a second click. */
  readonly warnings: string[];
}

function checkConfig(config: unknown, where: string, errors: string[], warnings: string[]): void {
  if (config === undefined || config === null) return;
  if (!isObject(config)) return void errors.push(`${where} must be a mapping`);
  for (const key of Object.keys(config)) if (!CONFIG_KEYS.has(key)) warnings.push(`${where}.${key} is not a key of osquery's configuration`);
  const options = config['options'];
  if (options === undefined || options === null) return;
  if (!isObject(options)) return void errors.push(`${where}.options must be a mapping`);
  for (const [name, value] of Object.entries(options)) {
    const kind = OSQUERY_OPTIONS[name];
    if (!kind) warnings.push(`${where}.options.${name} is not an osquery option`);
    else if (value !== null && typeof value !== kind) errors.push(`${where}.options.${name} must be a ${kind}, not ${JSON.stringify(value)}`);
  }
}

/** Parses agent options written as YAML or JSON and checks them against osquery's options. Empty text is "no options". */
export function checkAgentOptions(text: string): AgentOptionsCheck {
  if (!text.trim()) return { value: {}, errors: [], warnings: [] };
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { value: null, errors: [`Not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`], warnings: [] };
  }
  if (!isObject(value)) return { value: null, errors: ['Agent options must be a mapping (config:, overrides:, …)'], warnings: [] };
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(value)) if (!TOP_LEVEL.has(key)) warnings.push(`${key} is not a key of agent options`);
  checkConfig(value['config'], 'config', errors, warnings);
  const overrides = value['overrides'];
  if (overrides !== undefined && overrides !== null) {
    if (!isObject(overrides)) errors.push('overrides must be a mapping');
    else {
      const platforms = overrides['platforms'];
      if (platforms !== undefined && platforms !== null && !isObject(platforms)) errors.push('overrides.platforms must be a mapping');
      else for (const [platform, config] of Object.entries(platforms ?? {})) checkConfig(config, `overrides.platforms.${platform}`, errors, warnings);
    }
  }
  const flags = value['command_line_flags'];
  if (flags !== undefined && flags !== null && !isObject(flags)) errors.push('command_line_flags must be a mapping');
  return { value: errors.length ? null : value, errors, warnings };
}

/** Agent options as the editor shows them (YAML; empty for none). */
export const agentOptionsText = (options: unknown): string => (isObject(options) && Object.keys(options).length > 0 ? stringify(options) : '');

/** Every leaf of `v` as `a.b.c` → value. */
function leaves(v: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (isObject(v)) for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
  else if (prefix) out.set(prefix, JSON.stringify(v));
  return out;
}

export interface OptionDifference { readonly key: string; readonly base: string | null; readonly value: string | null }

/** What `value` sets differently from `base` (the global options), leaf by leaf. */
export function optionDifferences(base: unknown, value: unknown): OptionDifference[] {
  const a = leaves(base);
  const b = leaves(value);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ key: k, base: a.get(k) ?? null, value: b.get(k) ?? null }));
}
