/** One scheduled query as the agent runs it, from `schedule` or an inline pack (§3.4). */
export interface ScheduledQuerySpec {
  /** Logged name: bare for `schedule`, `pack<delim><pack><delim><query>` for packs. */
  readonly name: string;
  readonly sql: string;
  readonly intervalSec: number;
  readonly snapshot: boolean;
  /** false for Fleet's `differential_ignore_removals`: removed rows are not logged. */
  readonly removed: boolean;
}

/** The parts of an osquery config the simulator acts on. */
export interface AgentConfig {
  readonly options: Record<string, unknown>;
  readonly decoratorsLoad: readonly string[];
  readonly schedule: readonly ScheduledQuerySpec[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the config response body (the whole body is the config, §3.2). `node_invalid`/`error` keys were already
 * handled by the transport. Packs given as strings (file paths) and queries for other platforms are skipped, as
 * osquery's pack loader does; `pack_delimiter` defaults to osquery's `_`.
 */
export function parseAgentConfig(body: Record<string, unknown>, hostPackPlatforms: readonly string[]): AgentConfig {
  const options = isObject(body['options']) ? body['options'] : {};
  const delimiter = typeof options['pack_delimiter'] === 'string' ? options['pack_delimiter'] : '_';
  const decorators = isObject(body['decorators']) ? body['decorators'] : {};
  const decoratorsLoad = Array.isArray(decorators['load']) ? decorators['load'].filter((q): q is string => typeof q === 'string') : [];
  const schedule: ScheduledQuerySpec[] = [];
  const add = (name: string, raw: unknown, packPlatform: string): void => {
    if (!isObject(raw) || typeof raw['query'] !== 'string' || raw['query'].trim() === '') return;
    const interval = Number(raw['interval']);
    if (!Number.isFinite(interval) || interval <= 0) return;
    const platform = typeof raw['platform'] === 'string' && raw['platform'] !== '' ? raw['platform'] : packPlatform;
    if (!runsOn(platform, hostPackPlatforms)) return;
    schedule.push({ name, sql: raw['query'], intervalSec: Math.floor(interval), snapshot: raw['snapshot'] === true, removed: raw['removed'] !== false });
  };
  if (isObject(body['schedule'])) for (const [name, q] of Object.entries(body['schedule'])) add(name, q, '');
  if (isObject(body['packs'])) {
    for (const [packName, pack] of Object.entries(body['packs'])) {
      if (!isObject(pack) || !isObject(pack['queries'])) continue;
      const packPlatform = typeof pack['platform'] === 'string' ? pack['platform'] : '';
      for (const [queryName, q] of Object.entries(pack['queries'])) add(`pack${delimiter}${packName}${delimiter}${queryName}`, q, packPlatform);
    }
  }
  return { options, decoratorsLoad, schedule };
}

function runsOn(platform: string, hostPackPlatforms: readonly string[]): boolean {
  if (platform.trim() === '') return true;
  return platform.split(',').some((p) => hostPackPlatforms.includes(p.trim().toLowerCase()));
}

/** Reads an integer runtime option (osquery accepts numbers or numeric strings); undefined when absent/invalid. */
export function intOption(options: Record<string, unknown>, key: string): number | undefined {
  const v = options[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}
