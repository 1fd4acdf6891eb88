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
 * as Fleet's ForPlatform does.
 */
export function agentConfigBase(globalOptions: unknown, teamOptions: unknown, platform: string): Json {
  const chosen = isObject(teamOptions) && Object.keys(teamOptions).length > 0 ? teamOptions : isObject(globalOptions) && Object.keys(globalOptions).length > 0 ? globalOptions : DEFAULT_AGENT_OPTIONS;
  const overrides = (chosen as Json)['overrides'];
  const platforms = isObject(overrides) ? overrides['platforms'] : undefined;
  const forPlatform = isObject(platforms) ? platforms[platform] : undefined;
  const config = isObject(forPlatform) ? forPlatform : (chosen as Json)['config'];
  return isObject(config) ? (JSON.parse(JSON.stringify(config)) as Json) : {};
}

/** Intervals osquery will use with this config (seconds); they feed the host's online status. */
export function configIntervals(config: Json): { distributed: number; configRefresh: number; loggerPeriod: number } {
  const options = isObject(config['options']) ? config['options'] : {};
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0);
  return { distributed: n(options['distributed_interval']), configRefresh: n(options['config_refresh'] ?? options['config_tls_refresh']), loggerPeriod: n(options['logger_tls_period']) };
}
