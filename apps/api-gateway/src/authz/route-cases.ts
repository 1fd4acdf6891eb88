import type { AdminTestKit } from '../testing/admin-test-kit';
import { ALIAS_ROUTE_CASES } from './alias-route-cases';
import { CONTENT_ROUTE_CASES } from './content-route-cases';

/** Who calls: a global role, a team role on the fixture's team ("own"), or a team role on another team. */
export interface Who { readonly kind: 'global' | 'own' | 'other'; readonly role: string }

export interface Fixture { readonly kit: AdminTestKit; readonly teamA: number; readonly adminSessionId: number }

export interface RouteCase {
  /** `METHOD /api/v1/fleet/path/:param` exactly as the router registers it. */
  readonly route: string;
  readonly build: (fx: Fixture) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  readonly allow: (w: Who) => boolean;
}

const READERS = ['admin', 'maintainer', 'observer', 'observer_plus'];
const g = (...roles: string[]) => (w: Who) => w.kind === 'global' && roles.includes(w.role);
const gOwn = (globals: string[], own: string[]) => (w: Who) => (w.kind === 'global' ? globals.includes(w.role) : w.kind === 'own' && own.includes(w.role));
/** Lists filter by team instead of failing: any team role that qualifies somewhere may call them. */
const gAnyTeam = (globals: string[], team: string[]) => (w: Who) => (w.kind === 'global' ? globals.includes(w.role) : team.includes(w.role));

const V1 = '/api/v1/fleet';
let n = 0;
const fresh = (p: string) => `${p}-${++n}-${Date.now()}`;
const hostA = async (fx: Fixture) => fx.kit.host({ team_id: fx.teamA, hostname: fresh('h') });
const at = (path: string, body?: unknown) => ({ path: `${V1}${path}`, ...(body === undefined ? {} : { body }) });

/** One case per admin route: how to call it on fresh fixtures, and which callers Fleet's matrix allows. */
export const ROUTE_CASES: RouteCase[] = [
  { route: 'GET /api/v1/fleet/activities', build: () => at('/activities'), allow: g(...READERS) },
  { route: 'GET /api/v1/fleet/hosts', build: () => at('/hosts'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/hosts/count', build: () => at('/hosts/count'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/hosts/report', build: () => at('/hosts/report?format=csv'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/host_summary', build: () => at('/host_summary'), allow: gAnyTeam(READERS, READERS) },
  { route: 'GET /api/v1/fleet/hosts/:id', build: async (fx) => at(`/hosts/${await hostA(fx)}`), allow: gOwn(READERS, READERS) },
  { route: 'GET /api/v1/fleet/hosts/identifier/:identifier', build: async (fx) => at(`/hosts/identifier/uuid-${await hostA(fx)}`), allow: gOwn(READERS, READERS) },
  { route: 'POST /api/v1/fleet/hosts/:id/refetch', build: async (fx) => at(`/hosts/${await hostA(fx)}/refetch`), allow: gOwn(READERS, READERS) },
  { route: 'DELETE /api/v1/fleet/hosts/:id', build: async (fx) => at(`/hosts/${await hostA(fx)}`), allow: gOwn(['admin', 'maintainer'], ['admin', 'maintainer']) },
  { route: 'POST /api/v1/fleet/hosts/delete', build: async (fx) => at('/hosts/delete', { ids: [await hostA(fx)] }), allow: gAnyTeam(['admin', 'maintainer'], ['admin', 'maintainer']) },
  { route: 'POST /api/v1/fleet/hosts/transfer', build: async (fx) => at('/hosts/transfer', { team_id: fx.teamA, hosts: [await hostA(fx)] }),
    allow: gOwn(['admin', 'maintainer', 'gitops'], ['admin', 'maintainer']) },
  { route: 'POST /api/v1/fleet/hosts/transfer/filter', build: async (fx) => {
    const hostname = fresh('filtered');
    await fx.kit.host({ team_id: fx.teamA, hostname });
    return at('/hosts/transfer/filter', { team_id: fx.teamA, filters: { query: hostname } });
  },
    allow: gOwn(['admin', 'maintainer', 'gitops'], ['admin', 'maintainer']) },
  ...CONTENT_ROUTE_CASES,
  ...ALIAS_ROUTE_CASES,
];


