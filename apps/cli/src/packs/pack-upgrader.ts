/** A pack spec as `GET /spec/packs` gives it (the fields the upgrade reads). */
export interface PackSpecIn {
  readonly id: number;
  readonly name: string;
  readonly disabled: boolean;
  readonly targets: { readonly labels: readonly string[] | null; readonly teams: readonly string[] | null };
  readonly queries: ReadonlyArray<{
    readonly query: string; readonly interval: number; readonly snapshot?: boolean | null; readonly removed?: boolean | null;
    readonly platform?: string | null; readonly version?: string | null;
  }> | null;
}

/** A saved global query (the fields the upgrade copies). */
export interface SavedQueryIn {
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly observer_can_run: boolean;
}

/** A `kind: query` spec; `logging` is left out when the schedule named none (the server's default applies). */
export interface UpgradedQuery {
  name: string;
  description: string;
  query: string;
  team: string;
  interval: number;
  observer_can_run: boolean;
  platform: string;
  min_osquery_version: string;
  automations_enabled: boolean;
  logging?: 'snapshot' | 'differential' | 'differential_ignore_removals';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** The stamp that keeps upgraded names unique, in Fleet's form (`Jan _2 15:04:05.000`, local time). */
export function upgradeStamp(d: Date): string {
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** osquery's logging flags as a query's logging type: snapshot, else differential (ignoring removals when removed=false). */
function loggingOf(s: { snapshot?: boolean | null; removed?: boolean | null }): UpgradedQuery['logging'] {
  if (s.snapshot === true) return 'snapshot';
  if (s.removed === true) return 'differential';
  if (s.removed === false) return 'differential_ignore_removals';
  return undefined;
}

/**
 * A 2017 pack's scheduled queries as portable queries, as Fleet's `upgrade-packs` writes them: one scheduled
 * copy per targeted team (automations on unless the pack is disabled), plus one unscheduled global copy when
 * the pack targets labels or hosts. Returns the specs and how many pack queries were converted.
 */
export function upgradePack(pack: PackSpecIn, targetsHosts: boolean, queries: ReadonlyMap<string, SavedQueryIn>, stamp: string): { specs: UpgradedQuery[]; converted: number } {
  const specs: UpgradedQuery[] = [];
  let converted = 0;
  const seen = new Set<string>();
  for (const sched of pack.queries ?? []) {
    const q = queries.get(sched.query);
    if (!q || seen.has(q.name)) continue;
    seen.add(q.name);
    const description = `${q.description}${q.description && !q.description.endsWith('\n') ? '\n' : ''}(converted from pack "${pack.name}", query "${q.name}")`;
    const logging = loggingOf(sched);
    const base = {
      description, query: q.query, observer_can_run: q.observer_can_run, platform: sched.platform ?? '', min_osquery_version: sched.version ?? '',
      ...(logging ? { logging } : {}),
    };
    const teams = pack.targets.teams ?? [];
    for (const team of teams) {
      specs.push({ name: `${pack.name} - ${q.name} - ${team} - ${stamp}`, team, interval: sched.interval, automations_enabled: !pack.disabled, ...base });
    }
    const global = (pack.targets.labels ?? []).length > 0 || targetsHosts;
    if (global) specs.push({ name: `${pack.name} - ${q.name} - ${stamp}`, team: '', interval: 0, automations_enabled: false, ...base });
    if (teams.length > 0 || global) converted += 1;
  }
  return { specs, converted };
}
