import { parseScheduledQueryName } from './result-log.rule';

/** What a routed line is: an osquery result line, an osquery status line, or one live-query answer row. */
export type RoutedLogType = 'result' | 'status' | 'live_query';

/**
 * One include or exclude rule. Every field it names must match (AND); a field listing several values
 * matches when any does (OR); an absent field matches everything. Text values are globs (`*`, `?`), compared
 * without regard to case, except `team`, which is a team's exact name or id (0 = hosts with no team).
 */
export interface LogRouteMatcher {
  readonly log_type?: readonly RoutedLogType[];
  readonly query?: readonly string[];
  readonly pack?: readonly string[];
  readonly team?: ReadonlyArray<string | number>;
  readonly platform?: readonly string[];
  readonly label?: readonly string[];
}

/** A destination's rules: its log types, then include (none = everything) and exclude (wins over include). */
export interface LogRoute {
  readonly name: string;
  readonly log_types: readonly RoutedLogType[];
  readonly include: readonly LogRouteMatcher[];
  readonly exclude: readonly LogRouteMatcher[];
}

/** What the rules look at for one line. `labels` and `teamName` are only filled when some rule needs them. */
export interface LogLineFacts {
  readonly type: RoutedLogType;
  /** The scheduled query's name (the part after the pack), a live query's saved-query name, or null. */
  readonly queryName: string | null;
  /** `Global`, `team-<id>`, a 2017-style pack's name, or null (status lines, ad-hoc live queries, unknown names). */
  readonly packName: string | null;
  readonly teamId: number | null;
  readonly teamName: string | null;
  readonly platform: string;
  readonly labels: readonly string[];
}

const globCache = new Map<string, RegExp>();

/** `*` any run of characters, `?` one character, everything else literal; whole-string and case-insensitive. */
export function globMatches(glob: string, value: string): boolean {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'is');
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(glob, re);
  }
  return re.test(value);
}

const anyGlob = (globs: readonly string[] | undefined, value: string | null): boolean =>
  globs === undefined || (value !== null && globs.some((g) => globMatches(g, value)));

function teamMatches(teams: ReadonlyArray<string | number> | undefined, f: LogLineFacts): boolean {
  if (teams === undefined) return true;
  return teams.some((t) => (typeof t === 'number' ? (t === 0 ? f.teamId === null : f.teamId === t) : f.teamName !== null && t === f.teamName));
}

export function matcherMatches(m: LogRouteMatcher, f: LogLineFacts): boolean {
  return (m.log_type === undefined || m.log_type.includes(f.type))
    && anyGlob(m.query, f.queryName)
    && anyGlob(m.pack, f.packName)
    && teamMatches(m.team, f)
    && anyGlob(m.platform, f.platform)
    && (m.label === undefined || m.label.some((l) => f.labels.some((have) => globMatches(l, have))));
}

/** True when the line belongs to the destination: its type is routed there, some include matches (or none is given), and no exclude matches. */
export function routeAccepts(route: LogRoute, f: LogLineFacts): boolean {
  if (!route.log_types.includes(f.type)) return false;
  if (route.include.length > 0 && !route.include.some((m) => matcherMatches(m, f))) return false;
  return !route.exclude.some((m) => matcherMatches(m, f));
}

/** The names of the destinations a line goes to, in the order the routes are given. */
export function routeLine(routes: readonly LogRoute[], f: LogLineFacts): string[] {
  return routes.filter((r) => routeAccepts(r, f)).map((r) => r.name);
}

/** Which host facts the rules consult, so a caller fetches team names or labels only when some rule needs them. */
export function routingNeeds(routes: readonly LogRoute[]): { readonly teamNames: boolean; readonly labels: boolean } {
  const matchers = routes.flatMap((r) => [...r.include, ...r.exclude]);
  return {
    teamNames: matchers.some((m) => m.team?.some((t) => typeof t === 'string') ?? false),
    labels: matchers.some((m) => m.label !== undefined),
  };
}

/** The query and pack a result line's `name` designates (`pack/Global/usb` → query `usb`, pack `Global`). */
export function resultLineNames(name: string | null): { queryName: string | null; packName: string | null } {
  if (name === null) return { queryName: null, packName: null };
  const ref = parseScheduledQueryName(name);
  switch (ref.scope) {
    case 'global':
      return { queryName: ref.queryName, packName: 'Global' };
    case 'team':
      return { queryName: ref.queryName, packName: `team-${ref.teamId}` };
    case 'legacy_pack':
      return { queryName: ref.queryName, packName: ref.packName };
    case 'unknown':
      return { queryName: name, packName: null };
  }
}
