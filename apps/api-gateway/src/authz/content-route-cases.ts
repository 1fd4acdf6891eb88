import type { Fixture, RouteCase, Who } from './route-cases';

/**
 * Cases for the content routes (labels, queries, policies, specs, software, OpenAPI), kept apart from
 * route-cases.ts to keep both files small. Only types come from there, so the modules do not cycle.
 */
const READERS = ['admin', 'maintainer', 'observer', 'observer_plus'];
const ALL = [...READERS, 'gitops'];
const WRITERS = ['admin', 'maintainer', 'gitops'];
const g = (...roles: string[]) => (w: Who) => w.kind === 'global' && roles.includes(w.role);
const gOwn = (globals: string[], own: string[]) => (w: Who) => (w.kind === 'global' ? globals.includes(w.role) : w.kind === 'own' && own.includes(w.role));
const gAnyTeam = (globals: string[], team: string[]) => (w: Who) => (w.kind === 'global' ? globals.includes(w.role) : team.includes(w.role));
const everyone = () => true;

const V1 = '/api/v1/fleet';
let n = 0;
const fresh = (p: string) => `${p}-c${++n}-${Date.now()}`;
const at = (path: string, body?: unknown) => ({ path: `${V1}${path}`, ...(body === undefined ? {} : { body }) });
const insert = async (fx: Fixture, sql: string, params: unknown[]) => (await fx.kit.db.dataSource.query<{ insertId: number }>(sql, params)).insertId;

const label = (fx: Fixture) => insert(fx, "INSERT INTO labels (name, description, query) VALUES (?, '', 'SELECT 1')", [fresh('label')]);
const query = (fx: Fixture, teamId: number | null) => insert(fx, "INSERT INTO queries (team_id, name, description, query) VALUES (?, ?, '', 'SELECT 1')", [teamId, fresh('q')]);
const queryName = async (fx: Fixture, teamId: number | null) => {
  const name = fresh('q');
  await insert(fx, "INSERT INTO queries (team_id, name, description, query) VALUES (?, ?, '', 'SELECT 1')", [teamId, name]);
  return name;
};
const policy = (fx: Fixture, teamId: number | null) =>
  insert(fx, "INSERT INTO policies (team_id, name, query, description, resolution) VALUES (?, ?, 'SELECT 1', '', '')", [teamId, fresh('p')]);
const softwareOnA = async (fx: Fixture) => {
  const host = await fx.kit.host({ team_id: fx.teamA, hostname: fresh('sw-host') });
  const id = await insert(fx, "INSERT INTO software (name, version, source, checksum) VALUES (?, '1.0', 'apps', UNHEX(MD5(?)))", [fresh('sw'), fresh('sum')]);
  await insert(fx, 'INSERT INTO host_software (host_id, software_id) VALUES (?, ?)', [host, id]);
  return id;
};

export const CONTENT_ROUTE_CASES: RouteCase[] = [
  { route: 'GET /api/v1/fleet/labels', build: () => at('/labels'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/labels/summary', build: () => at('/labels/summary'), allow: gAnyTeam(READERS, READERS) },
  { route: 'POST /api/v1/fleet/labels', build: () => at('/labels', { name: fresh('label'), query: 'SELECT 1' }), allow: g(...WRITERS) },
  { route: 'GET /api/v1/fleet/labels/:id', build: async (fx) => at(`/labels/${await label(fx)}`), allow: gAnyTeam(READERS, READERS) },
  { route: 'PATCH /api/v1/fleet/labels/:id', build: async (fx) => at(`/labels/${await label(fx)}`, { description: 'd' }), allow: g(...WRITERS) },
  { route: 'GET /api/v1/fleet/labels/:id/hosts', build: () => at('/labels/1/hosts'), allow: gAnyTeam(READERS, READERS) },
  { route: 'DELETE /api/v1/fleet/labels/id/:id', build: async (fx) => at(`/labels/id/${await label(fx)}`), allow: g(...WRITERS) },
  { route: 'DELETE /api/v1/fleet/labels/:name', build: async (fx) => {
    const [l] = await fx.kit.db.dataSource.query<Array<{ name: string }>>('SELECT name FROM labels WHERE id = ?', [await label(fx)]);
    return at(`/labels/${encodeURIComponent(l.name)}`); }, allow: g(...WRITERS) },

  { route: 'GET /api/v1/fleet/queries', build: () => at('/queries'), allow: everyone },
  { route: 'POST /api/v1/fleet/queries', build: (fx) => at('/queries', { name: fresh('q'), query: 'SELECT 1', team_id: fx.teamA, interval: 60 }), allow: gOwn(WRITERS, WRITERS) },
  { route: 'POST /api/v1/fleet/queries/delete', build: async (fx) => at('/queries/delete', { ids: [await query(fx, fx.teamA)] }), allow: gOwn(WRITERS, WRITERS) },
  { route: 'GET /api/v1/fleet/queries/:id', build: async (fx) => at(`/queries/${await query(fx, fx.teamA)}`), allow: gOwn(ALL, ALL) },
  { route: 'PATCH /api/v1/fleet/queries/:id', build: async (fx) => at(`/queries/${await query(fx, fx.teamA)}`, { interval: 300 }), allow: gOwn(WRITERS, WRITERS) },
  { route: 'GET /api/v1/fleet/queries/:id/report', build: async (fx) => at(`/queries/${await query(fx, fx.teamA)}/report`), allow: gOwn(ALL, ALL) },
  { route: 'DELETE /api/v1/fleet/queries/id/:id', build: async (fx) => at(`/queries/id/${await query(fx, fx.teamA)}`), allow: gOwn(WRITERS, WRITERS) },
  { route: 'DELETE /api/v1/fleet/queries/:name', build: async (fx) => at(`/queries/${await queryName(fx, fx.teamA)}?team_id=${fx.teamA}`), allow: gOwn(WRITERS, WRITERS) },

  { route: 'GET /api/v1/fleet/global/policies', build: () => at('/global/policies'), allow: everyone },
  { route: 'POST /api/v1/fleet/global/policies', build: () => at('/global/policies', { name: fresh('p'), query: 'SELECT 1' }), allow: g(...WRITERS) },
  { route: 'POST /api/v1/fleet/global/policies/delete', build: async (fx) => at('/global/policies/delete', { ids: [await policy(fx, null)] }), allow: g(...WRITERS) },
  { route: 'GET /api/v1/fleet/global/policies/:id', build: async (fx) => at(`/global/policies/${await policy(fx, null)}`), allow: everyone },
  { route: 'PATCH /api/v1/fleet/global/policies/:id', build: async (fx) => at(`/global/policies/${await policy(fx, null)}`, { critical: true }), allow: g(...WRITERS) },
  { route: 'GET /api/v1/fleet/teams/:id/policies', build: (fx) => at(`/teams/${fx.teamA}/policies`), allow: gOwn(ALL, ALL) },
  { route: 'POST /api/v1/fleet/teams/:id/policies', build: (fx) => at(`/teams/${fx.teamA}/policies`, { name: fresh('p'), query: 'SELECT 1' }), allow: gOwn(WRITERS, WRITERS) },
  { route: 'POST /api/v1/fleet/teams/:id/policies/delete', build: async (fx) => at(`/teams/${fx.teamA}/policies/delete`, { ids: [await policy(fx, fx.teamA)] }),
    allow: gOwn(WRITERS, WRITERS) },
  { route: 'GET /api/v1/fleet/teams/:id/policies/:policy_id', build: async (fx) => at(`/teams/${fx.teamA}/policies/${await policy(fx, fx.teamA)}`), allow: gOwn(ALL, ALL) },
  { route: 'PATCH /api/v1/fleet/teams/:id/policies/:policy_id', build: async (fx) => at(`/teams/${fx.teamA}/policies/${await policy(fx, fx.teamA)}`, { resolution: 'r' }),
    allow: gOwn(WRITERS, WRITERS) },

  { route: 'GET /api/v1/fleet/spec/queries', build: () => at('/spec/queries'), allow: everyone },
  { route: 'GET /api/v1/fleet/spec/queries/:name', build: async (fx) => at(`/spec/queries/${await queryName(fx, null)}`), allow: everyone },
  { route: 'POST /api/v1/fleet/spec/queries', build: () => at('/spec/queries', { specs: [{ name: fresh('q'), query: 'SELECT 1' }] }), allow: g(...WRITERS) },
  { route: 'GET /api/v1/fleet/spec/labels', build: () => at('/spec/labels'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/spec/labels/:name', build: () => at('/spec/labels/All%20Hosts'), allow: gAnyTeam(READERS, READERS) },
  { route: 'POST /api/v1/fleet/spec/labels', build: () => at('/spec/labels', { specs: [{ name: fresh('label'), query: 'SELECT 1' }] }), allow: g(...WRITERS) },
  { route: 'POST /api/v1/fleet/spec/policies', build: () => at('/spec/policies', { specs: [{ name: fresh('p'), query: 'SELECT 1' }] }), allow: g(...WRITERS) },
  { route: 'POST /api/v1/fleet/spec/teams', build: () => at('/spec/teams', { specs: [{ name: 'A', features: { enable_host_users: true } }] }),
    allow: gOwn(['admin', 'gitops'], ['admin', 'gitops']) },

  // The document names fields such as "token" as schema keys; the leak check looks for values only.
  { route: 'GET /api/v1/fleet/openapi.json', build: () => at('/openapi.json'), allow: everyone },
  { route: 'GET /api/v1/fleet/software', build: () => at('/software'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/software/versions', build: () => at('/software/versions'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/software/versions/:id', build: async (fx) => at(`/software/versions/${await softwareOnA(fx)}`), allow: gAnyTeam(READERS, READERS) },
];
