import type { activityRoutes, AnyAdminRoute, hostRoutes, hostStatsRoutes, queryRoutes, RouteRequest, softwareRoutes } from '@fleet/contracts';

/** The query-string object of a route's request, as the UI passes it to `callRoute`. */
type QueryOf<R extends AnyAdminRoute> = RouteRequest<R>['query'];

/**
 * The one factory of TanStack Query keys. Keys are arrays that start with their area, so invalidating an
 * area's root (`queryKeys.hosts.all`) refetches everything under it: the list, counts, summaries and every
 * host's detail. Mutations name the roots they invalidate (`meta.invalidates`, see query-client.ts).
 * Add new areas here rather than writing key arrays in hooks.
 */
export const queryKeys = {
  me: ['me'] as const,
  config: {
    all: ['config'] as const,
    certificate: ['config', 'certificate'] as const,
    doc: ['config', 'doc'] as const,
    enrollSecrets: (teamId: number | null) => ['config', 'enroll-secrets', teamId ?? 'global'] as const,
  },
  hosts: {
    all: ['hosts'] as const,
    list: (query: QueryOf<typeof hostRoutes.list>) => ['hosts', 'list', query] as const,
    count: (query: QueryOf<typeof hostRoutes.count>) => ['hosts', 'count', query] as const,
    summary: (teamId: number | null) => ['hosts', 'summary', teamId ?? 'all'] as const,
    onlineHistory: (query: QueryOf<typeof hostStatsRoutes.onlineHistory>) => ['hosts', 'online-history', query] as const,
    detail: (id: number) => ['hosts', 'detail', id] as const,
    activities: (id: number, page: number) => ['hosts', 'detail', id, 'activities', page] as const,
    queryReport: (id: number, queryId: number) => ['hosts', 'detail', id, 'query-report', queryId] as const,
  },
  osVersions: {
    all: ['os-versions'] as const,
    list: (query: QueryOf<typeof hostStatsRoutes.osVersions>) => ['os-versions', 'list', query] as const,
  },
  teams: {
    all: ['teams'] as const,
    list: ['teams', 'list'] as const,
    detail: (id: number) => ['teams', 'detail', id] as const,
    users: (id: number) => ['teams', 'detail', id, 'users'] as const,
    secrets: (id: number) => ['teams', 'detail', id, 'secrets'] as const,
  },
  labels: {
    all: ['labels'] as const,
    list: ['labels', 'list'] as const,
    detail: (id: number) => ['labels', 'detail', id] as const,
    hosts: (id: number) => ['labels', 'detail', id, 'hosts'] as const,
  },
  policies: {
    all: ['policies'] as const,
    list: (teamId: number | null) => ['policies', 'list', teamId ?? 'global'] as const,
    detail: (teamId: number | null, id: number) => ['policies', 'detail', teamId ?? 'global', id] as const,
  },
  users: {
    all: ['users'] as const,
    list: ['users', 'list'] as const,
    detail: (id: number) => ['users', 'detail', id] as const,
  },
  invites: {
    all: ['invites'] as const,
    list: ['invites', 'list'] as const,
  },
  software: {
    all: ['software'] as const,
    list: (query: QueryOf<typeof softwareRoutes.list>) => ['software', 'list', query] as const,
  },
  activities: {
    all: ['activities'] as const,
    list: (query: QueryOf<typeof activityRoutes.list>) => ['activities', 'list', query] as const,
  },
  targets: {
    all: ['targets'] as const,
    search: (query: string, selected: { hosts: number[]; labels: number[]; teams: number[] }) => ['targets', 'search', query, selected] as const,
    hostNames: (ids: readonly number[]) => ['targets', 'host-names', ids] as const,
  },
  queries: {
    all: ['queries'] as const,
    list: (query: QueryOf<typeof queryRoutes.list>) => ['queries', 'list', query] as const,
    detail: (id: number) => ['queries', 'detail', id] as const,
    reportAll: (id: number) => ['queries', 'report', id] as const,
    report: (id: number, page: number, perPage: number) => ['queries', 'report', id, page, perPage] as const,
  },
} as const;
