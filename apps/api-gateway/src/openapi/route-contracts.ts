import type { z } from 'zod';

/** The zod contracts of one route: what it reads and what it answers with on success. */
export interface RouteContract {
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success body; absent = JSON `{}`; `'csv'` = a text/csv attachment; `'html'` = a page. */
  readonly response?: z.ZodType | 'csv' | 'html';
}

/**
 * Every admin route's contracts, keyed `METHOD /path` relative to `/api/{version}/fleet` (setup routes by
 * their full path). The OpenAPI document is generated from this map and the route inventory, and a test
 * fails when a registered route has no entry here or an entry names no route.
 */
export const ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
};
