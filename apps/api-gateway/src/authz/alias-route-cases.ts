import { CONTENT_ROUTE_CASES } from './content-route-cases';
import type { RouteCase, Who } from './route-cases';

const READERS = ['admin', 'maintainer', 'observer', 'observer_plus'];
const everyone = () => true;
const anyTeamReader = (w: Who) => READERS.includes(w.role);

/**
 * `/policies` is Fleet's 2022-04 name for `/global/policies`: the same handlers, so the same cases with the
 * path renamed; plus the count routes of policies and software.
 */
export const ALIAS_ROUTE_CASES: RouteCase[] = [
  ...CONTENT_ROUTE_CASES.filter((c) => c.route.includes(' /api/v1/fleet/global/policies')).map((c): RouteCase => ({
    ...c,
    route: c.route.replace('/global/policies', '/policies'),
    build: async (fx) => { const r = await c.build(fx); return { ...r, path: r.path.replace('/global/policies', '/policies') }; },
  })),
  { route: 'GET /api/v1/fleet/policies/count', build: () => ({ path: '/api/v1/fleet/policies/count?query=p' }), allow: everyone },
  { route: 'GET /api/v1/fleet/software/count', build: () => ({ path: '/api/v1/fleet/software/count' }), allow: anyTeamReader },
];
