import type { Fixture, RouteCase, Who } from '../authz/route-cases';

/**
 * Role-matrix cases for the live-query routes (spread into ROUTE_CASES). Only types come from route-cases.ts,
 * so the modules do not cycle. Targets are offline where a route would otherwise wait for an answer.
 */
const RUNNERS = ['admin', 'maintainer', 'observer_plus'];
const READERS = ['admin', 'maintainer', 'observer', 'observer_plus'];
const gOwn = (globals: string[], own: string[]) => (w: Who) => (w.kind === 'global' ? globals.includes(w.role) : w.kind === 'own' && own.includes(w.role));
const gAnyTeam = (globals: string[], team: string[]) => (w: Who) => (w.kind === 'global' ? globals.includes(w.role) : team.includes(w.role));
/** Fleet lets only the creator stream or stop a campaign; the fixtures' campaigns belong to a fresh admin. */
const nobody = () => false;

const V1 = '/api/v1/fleet';
let n = 0;
const fresh = (p: string) => `${p}-lq${++n}-${Date.now()}`;
const at = (path: string, body?: unknown) => ({ path: `${V1}${path}`, ...(body === undefined ? {} : { body }) });
const onlineHostA = (fx: Fixture) => fx.kit.host({ team_id: fx.teamA, hostname: fresh('lq') });
const uuidOf = async (fx: Fixture, id: number) => (await fx.kit.db.dataSource.query<Array<{ uuid: string }>>('SELECT uuid FROM hosts WHERE id = ?', [id]))[0].uuid;
const offlineHostA = (fx: Fixture) => fx.kit.host({ team_id: fx.teamA, hostname: fresh('lq') }, 3600);

async function othersCampaign(fx: Fixture, stop: boolean): Promise<number> {
  const owner = await fx.kit.user({});
  const r = await fx.kit.api('POST', `${V1}/queries/run`, { token: owner.token, body: { query: 'SELECT 1', selected: { hosts: [await offlineHostA(fx)] } } });
  const id = (r.body as { campaign: { id: number } }).campaign.id;
  if (stop) await fx.kit.api('DELETE', `${V1}/queries/run/${id}`, { token: owner.token });
  return id;
}

async function savedQuery(fx: Fixture): Promise<number> {
  const res = await fx.kit.db.dataSource.query<{ insertId: number }>("INSERT INTO queries (name, description, query) VALUES (?, '', 'SELECT 1')", [fresh('q')]);
  return res.insertId;
}

export const LIVE_QUERY_ROUTE_CASES: RouteCase[] = [
  { route: 'POST /api/v1/fleet/queries/run', build: async (fx) => at('/queries/run', { query: 'SELECT 1', selected: { hosts: [await onlineHostA(fx)] } }), allow: gOwn(RUNNERS, RUNNERS) },
  { route: 'POST /api/v1/fleet/queries/run_by_identifiers', build: async (fx) => {
    const id = await onlineHostA(fx);
    return at('/queries/run_by_identifiers', { query: 'SELECT 1', selected: { hosts: [await uuidOf(fx, id)] } });
  }, allow: gOwn(RUNNERS, RUNNERS) },
  { route: 'POST /api/v1/fleet/queries/run_by_names', build: async (fx) => {
    const id = await onlineHostA(fx);
    return at('/queries/run_by_names', { query: 'SELECT 1', selected: { hosts: [await uuidOf(fx, id)] } });
  }, allow: gOwn(RUNNERS, RUNNERS) },
  { route: 'DELETE /api/v1/fleet/queries/run/:id', build: async (fx) => at(`/queries/run/${await othersCampaign(fx, false)}`), allow: nobody },
  { route: 'GET /api/v1/fleet/results/:id/events', build: async (fx) => at(`/results/${await othersCampaign(fx, true)}/events`), allow: nobody },
  { route: 'POST /api/v1/fleet/queries/:id/run', build: async (fx) => at(`/queries/${await savedQuery(fx)}/run`, { host_ids: [await offlineHostA(fx)] }), allow: gOwn(RUNNERS, RUNNERS) },
  { route: 'POST /api/v1/fleet/hosts/:id/query', build: async (fx) => at(`/hosts/${await offlineHostA(fx)}/query`, { query: 'SELECT 1' }), allow: gOwn(RUNNERS, RUNNERS) },
  { route: 'POST /api/v1/fleet/targets', build: (fx) => at('/targets', { query: 'lq', selected: { teams: [fx.teamA] } }), allow: gAnyTeam(READERS, READERS) },
  { route: 'POST /api/v1/fleet/targets/count', build: (fx) => at('/targets/count', { selected: { teams: [fx.teamA] } }), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/status/live_query', build: () => at('/status/live_query'), allow: () => true },
  { route: 'GET /api/v1/fleet/status/result_store', build: () => at('/status/result_store'), allow: () => true },
];

/**
 * POSTs that only read (Fleet defines target search with a body). They write no activity: Fleet does not audit
 * target searches, which the UI sends on every keystroke. The activity check of the role matrix should skip them.
 */
export const LIVE_QUERY_READ_ONLY_POSTS: readonly string[] = ['POST /api/v1/fleet/targets', 'POST /api/v1/fleet/targets/count'];
