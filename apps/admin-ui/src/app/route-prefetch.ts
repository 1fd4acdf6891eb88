import type { QueryClient } from '@tanstack/react-query';
import { session } from '../api/session';
import { URL_PREFIX } from '../api/url-prefix';
import { DASHBOARD_URL_STATE, summaryTeamOf } from '../features/dashboard/components/dashboard-url-state';
import { HOSTS_URL_STATE, filtersOf, listParamsOf } from '../features/hosts/components/hosts-url-state';
import { hostCountQuery, hostListQuery, hostSummaryQuery } from '../features/hosts/hooks/use-hosts';
import { readUrlState } from '../shared/hooks/use-url-state';

/** The code of the pages most sessions open first; app-routes.tsx lazy-loads them through these same functions. */
export const loadDashboardPage = () => import('../features/dashboard/components/dashboard.page');
export const loadHostsPage = () => import('../features/hosts/components/hosts.page');

type Early = (client: QueryClient, params: URLSearchParams) => void;

const dashboard: Early = (client, params) => {
  void client.prefetchQuery(hostSummaryQuery(summaryTeamOf(readUrlState(DASHBOARD_URL_STATE, params).team_id)));
  void loadDashboardPage().catch(() => undefined); // a failure shows through the page's own lazy() import
};

const hosts: Early = (client, params) => {
  const view = readUrlState(HOSTS_URL_STATE, params);
  void client.prefetchQuery(hostListQuery(listParamsOf(view)));
  void client.prefetchQuery(hostCountQuery(filtersOf(view)));
  void loadHostsPage().catch(() => undefined);
};

/** Paths (below server.url_prefix) whose first screen is requested early; `/` and `/hosts` redirect to these pages. */
const EARLY: Readonly<Record<string, Early>> = { '/': dashboard, '/dashboard': dashboard, '/hosts': hosts, '/hosts/manage': hosts };

/**
 * Starts, for a full page load of the dashboard or the host list, the page's chunk and the queries its first screen
 * shows, before React renders. Otherwise the load is serial (entry, route chunk, then the page's first requests);
 * here the data requests run while the chunk loads, and the page's hooks (same keys and fetchers) find the answers
 * in `client`. Only the queries the first screen waits for are sent early: the browser opens six connections to
 * the server, and every early request holds one while the chunk's files queue. Without a token nothing is sent (the
 * login page comes first); a 401 ends the session exactly as the page's own request would.
 */
export function prefetchRoute(client: QueryClient, location: Pick<Location, 'pathname' | 'search'>): void {
  if (!session.token()) return;
  const path = location.pathname.slice(URL_PREFIX.length).replace(/\/+$/, '') || '/';
  EARLY[path]?.(client, new URLSearchParams(location.search));
}
