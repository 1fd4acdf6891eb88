import type { CheckInIntervals } from '@fleet/domain';

/** Fleet's default agent options for new installations and teams (protocol §3.2). */
export const DEFAULT_AGENT_OPTIONS = {
  config: {
    options: {
      logger_plugin: 'tls',
      pack_delimiter: '/',
      logger_tls_period: 10,
      distributed_plugin: 'tls',
      disable_distributed: false,
      logger_tls_endpoint: '/api/osquery/log',
      distributed_interval: 10,
      distributed_tls_max_attempts: 3,
    },
    decorators: {
      load: ['SELECT uuid AS host_uuid FROM system_info;', 'SELECT hostname AS hostname FROM system_info;'],
    },
  },
  overrides: {},
} as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The osquery config base for a host: the team's agent options when the team has any, else the global
 * ones, else Fleet's defaults; then `overrides.platforms[<platform>]` replaces `config` entirely (no merge),
 * as Fleet's ForPlatform does. The result is a new top-level object (the caller adds `packs`); what it holds is
 * shared between check-ins and frozen.
 */
export function agentConfigBase(globalOptions: unknown, teamOptions: unknown, platform: string): Json {
  const chosen = isObject(teamOptions) && Object.keys(teamOptions).length > 0 ? teamOptions : isObject(globalOptions) && Object.keys(globalOptions).length > 0 ? globalOptions : DEFAULT_AGENT_OPTIONS;
  let byPlatform = bases.get(chosen);
  if (!byPlatform) {
    byPlatform = new Map();
    bases.set(chosen, byPlatform);
  }
  let base = byPlatform.get(platform);
  if (!base) {
    base = configFor(chosen, platform);
    if (byPlatform.size < PLATFORMS_KEPT) byPlatform.set(platform, base);
  }
  return { ...base };
}

/**
 * Each agent-options object's config per platform, computed once: a catalog reload brings new option objects, so
 * an entry lives as long as the options it was made from. Every check-in for config used to deep-copy it.
 */
const bases = new WeakMap<object, Map<string, Readonly<Json>>>();
/** Platform strings come from agents; past this many per options object, the base is computed each time. */
const PLATFORMS_KEPT = 64;

/** A deep copy of the config the options give a platform, frozen: callers get a top-level copy to add to. */
function configFor(chosen: object, platform: string): Readonly<Json> {
  const overrides = (chosen as Json)['overrides'];
  const platforms = isObject(overrides) ? overrides['platforms'] : undefined;
  const forPlatform = isObject(platforms) ? platforms[platform] : undefined;
  const config = isObject(forPlatform) ? forPlatform : (chosen as Json)['config'];
  return deepFreeze(isObject(config) ? (JSON.parse(JSON.stringify(config)) as Json) : {});
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Intervals osquery will use with this config (seconds); they feed the host's online status. Only those the config
 * sets: the agent keeps its own flags for the others, which the `osquery_flags` detail query reports.
 */
export function configIntervals(config: Json): Partial<CheckInIntervals> {
  const options = isObject(config['options']) ? config['options'] : {};
  const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const out: { -readonly [K in keyof CheckInIntervals]?: number } = {};
  const distributed = n(options['distributed_interval']);
  const configRefresh = n(options['config_refresh'] ?? options['config_tls_refresh']);
  const loggerPeriod = n(options['logger_tls_period']);
  if (distributed !== undefined) out.distributed = distributed;
  if (configRefresh !== undefined) out.configRefresh = configRefresh;
  if (loggerPeriod !== undefined) out.loggerPeriod = loggerPeriod;
  return out;
}
