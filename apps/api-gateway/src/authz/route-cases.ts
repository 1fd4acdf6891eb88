import type { AdminTestKit } from '../testing/admin-test-kit';

/** Who calls: a global role, a team role on the fixture's team ("own"), or a team role on another team. */
export interface Who { readonly kind: 'global' | 'own' | 'other'; readonly role: string }

export interface Fixture { readonly kit: AdminTestKit; readonly teamA: number; readonly adminSessionId: number }

export interface RouteCase {
  /** `METHOD /api/v1/fleet/path/:param` exactly as the router registers it. */
  readonly route: string;
  readonly build: (fx: Fixture) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  readonly allow: (w: Who) => boolean;
}

/** One case per admin route: how to call it on fresh fixtures, and which callers Fleet's matrix allows. */
export const ROUTE_CASES: RouteCase[] = [
];


