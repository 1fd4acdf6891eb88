import { CliError } from '../cli.error';

/**
 * osquery's platform names (including its pack-only groupings such as `posix`) to the platforms a Fleet query
 * takes; `any`/`all`/empty mean every platform (`""`). The groupings follow osquery's table specs.
 */
const PLATFORMS: Readonly<Record<string, readonly string[]>> = {
  darwin: ['darwin'], linux: ['linux'], windows: ['windows'], chrome: ['chrome'],
  specs: ['darwin', 'linux', 'windows'], utility: ['darwin', 'linux', 'windows'], yara: ['darwin', 'linux', 'windows'],
  smart: ['darwin', 'linux'], kernel: ['darwin'], linwin: ['linux', 'windows'], macwin: ['darwin', 'windows'],
  posix: ['darwin', 'linux'], sleuthkit: ['darwin', 'linux'], any: [''], all: [''], '': [''],
};

/** A comma list of osquery platforms as one sorted, de-duplicated Fleet platform list. */
export function convertPlatforms(text: string): string {
  const out = new Set<string>();
  for (const p of text.split(',')) {
    const mapped = PLATFORMS[p];
    if (!mapped) throw new CliError(`unsupported platform: ${p}`);
    for (const m of mapped) out.add(m);
  }
  return [...out].sort().join(',');
}

/** One entry of a pack's `queries` object, with the loose types osquery accepts. */
interface PackQuery {
  query?: unknown;
  interval?: unknown;
  platform?: unknown;
  version?: unknown;
  description?: unknown;
}

/** The `kind: query` spec fleetctl apply reads back. */
export interface ConvertedQuery {
  name: string;
  description: string;
  query: string;
  team: string;
  interval: number;
  observer_can_run: boolean;
  platform: string;
  min_osquery_version: string;
  automations_enabled: boolean;
  logging: 'snapshot';
  discard_data: boolean;
}

function interval(name: string, v: unknown): number {
  if (v === undefined || v === null) return 0;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new CliError(`query "${name}": interval must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * An osquery pack (JSON with a `queries` object keyed by name) as query specs, sorted by name: the key becomes
 * the name, `interval` is kept (a string is accepted), `platform` is mapped to Fleet's platforms and `version`
 * becomes `min_osquery_version`. osquery allows a backslash-newline inside strings; it is read as `\n`.
 */
export function convertPack(text: string): ConvertedQuery[] {
  let pack: unknown;
  try {
    pack = JSON.parse(text.replace(/\s*\\\n/g, '\\n'));
  } catch (e) {
    throw new CliError(`not an osquery pack: ${e instanceof Error ? e.message : String(e)}`);
  }
  const queries = (pack as { queries?: unknown } | null)?.queries;
  if (!queries || typeof queries !== 'object' || Array.isArray(queries)) throw new CliError('not an osquery pack: no "queries" object');
  return Object.keys(queries).sort().map((name) => {
    const q = (queries as Record<string, PackQuery>)[name] ?? {};
    if (typeof q.query !== 'string' || q.query.trim() === '') throw new CliError(`query "${name}": "query" must be a non-empty string`);
    return {
      name, description: str(q.description), query: q.query, team: '', interval: interval(name, q.interval), observer_can_run: false,
      platform: convertPlatforms(str(q.platform)), min_osquery_version: str(q.version), automations_enabled: false, logging: 'snapshot', discard_data: false,
    };
  });
}
