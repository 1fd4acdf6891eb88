import type { Fixture, RouteCase, Who } from '../authz/route-cases';

/** Role-matrix cases for the 2017 packs routes: global admin, maintainer and gitops only (§2.1); team roles never. */
const packWriters = (w: Who) => w.kind === 'global' && ['admin', 'maintainer', 'gitops'].includes(w.role);

const V1 = '/api/v1/fleet';
let n = 0;
const fresh = (p: string) => `${p}-k${++n}-${Date.now()}`;
const at = (path: string, body?: unknown) => ({ path: `${V1}${path}`, ...(body === undefined ? {} : { body }) });
const insert = async (fx: Fixture, sql: string, params: unknown[]) => (await fx.kit.db.dataSource.query<{ insertId: number }>(sql, params)).insertId;
const pack = (fx: Fixture, name = fresh('pack')) => insert(fx, "INSERT INTO packs (name, description) VALUES (?, '')", [name]);
const query = (fx: Fixture) => insert(fx, "INSERT INTO queries (team_id, name, description, query) VALUES (NULL, ?, '', 'SELECT 1')", [fresh('q')]);
const scheduled = async (fx: Fixture) =>
  insert(fx, 'INSERT INTO scheduled_queries (pack_id, query_id, name, schedule_interval) VALUES (?, ?, ?, 60)', [await pack(fx), await query(fx), fresh('sq')]);

const scheduleCases = (base: string): RouteCase[] => [
  { route: `POST ${V1}${base}`, build: async (fx) => at(base, { pack_id: await pack(fx), query_id: await query(fx), interval: 60 }), allow: packWriters },
  { route: `GET ${V1}${base}/:id`, build: async (fx) => at(`${base}/${await scheduled(fx)}`), allow: packWriters },
  { route: `PATCH ${V1}${base}/:id`, build: async (fx) => at(`${base}/${await scheduled(fx)}`, { interval: 120 }), allow: packWriters },
  { route: `DELETE ${V1}${base}/:id`, build: async (fx) => at(`${base}/${await scheduled(fx)}`), allow: packWriters },
];

export const PACK_ROUTE_CASES: RouteCase[] = [
  { route: `GET ${V1}/packs`, build: () => at('/packs'), allow: packWriters },
  { route: `POST ${V1}/packs`, build: (fx) => at('/packs', { name: fresh('pack'), team_ids: [fx.teamA] }), allow: packWriters },
  { route: `GET ${V1}/packs/:id`, build: async (fx) => at(`/packs/${await pack(fx)}`), allow: packWriters },
  { route: `PATCH ${V1}/packs/:id`, build: async (fx) => at(`/packs/${await pack(fx)}`, { disabled: true }), allow: packWriters },
  { route: `GET ${V1}/packs/:id/scheduled`, build: async (fx) => at(`/packs/${await pack(fx)}/scheduled`), allow: packWriters },
  { route: `DELETE ${V1}/packs/id/:id`, build: async (fx) => at(`/packs/id/${await pack(fx)}`), allow: packWriters },
  { route: `DELETE ${V1}/packs/:name`, build: async (fx) => { const name = fresh('pack'); await pack(fx, name); return at(`/packs/${name}`); }, allow: packWriters },
  ...scheduleCases('/schedule'),
  ...scheduleCases('/packs/schedule'),
  { route: `GET ${V1}/spec/packs`, build: () => at('/spec/packs'), allow: packWriters },
  { route: `GET ${V1}/spec/packs/:name`, build: async (fx) => { const name = fresh('pack'); await pack(fx, name); return at(`/spec/packs/${name}`); }, allow: packWriters },
  { route: `POST ${V1}/spec/packs`, build: () => at('/spec/packs', { specs: [{ name: fresh('pack'), targets: { labels: ['All Hosts'] } }] }), allow: packWriters },
];
