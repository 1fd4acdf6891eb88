import { MutationCache, QueryClient } from '@tanstack/react-query';
import type { Query, QueryKey } from '@tanstack/react-query';
import { notifyError, notifySuccess } from '../shared/components/notify';
import { ApiError } from './http-client';

/** What a mutation declares about itself; the mutation cache acts on it, so hooks stay declarative. */
export interface FleetMutationMeta extends Record<string, unknown> {
  /** Query-key roots (from `queryKeys`) refetched after success. */
  readonly invalidates?: readonly QueryKey[];
  /**
   * Keys of what the mutation deleted (`queryKeys.hosts.detail(id)`), left out of that refetch: refetching them
   * would answer 404 while their page is still on screen, and the page would show an error instead of moving on.
   */
  readonly deletes?: (variables: unknown) => readonly QueryKey[];
  /** Notification on success; a function gets the mutation's variables. */
  readonly success?: string | ((variables: unknown) => string);
  /** Title of the failure notification (the server's reason is its text); false when the form shows the error itself. */
  readonly failure?: string | false;
}

/** Whether `key` begins with every part of `prefix` (TanStack's prefix matching, for one key). */
function startsWith(key: QueryKey, prefix: QueryKey): boolean {
  return prefix.every((part, i) => JSON.stringify(key[i]) === JSON.stringify(part));
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    mutationMeta: FleetMutationMeta;
  }
}

/**
 * The app's query client. Queries: fresh for 15 s, refetched on focus, retried once unless the server said
 * no (a 4xx is an answer, not a glitch). Mutations: on success the roots in `meta.invalidates` are
 * refetched (before the mutation's own onSuccess runs, so a navigation afterwards lands on fresh data) and
 * `meta.success` is shown; on failure `meta.failure` titles the server's reason.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
      },
    },
    mutationCache: new MutationCache({
      onSuccess: async (_data, variables, _context, mutation) => {
        const meta = mutation.meta ?? {};
        const success = typeof meta.success === 'function' ? meta.success(variables) : meta.success;
        if (success) notifySuccess(success);
        const deleted = meta.deletes?.(variables) ?? [];
        const kept = (query: Query) => !deleted.some((key) => startsWith(query.queryKey, key));
        // Inactive queries too: the page a mutation navigates to (a list after a delete) must not show the old rows.
        await Promise.all((meta.invalidates ?? []).map((queryKey) => client.invalidateQueries({ queryKey, refetchType: 'all', predicate: kept })));
      },
      onError: (error, _variables, _context, mutation) => {
        const title = mutation.meta?.failure;
        if (title !== false) notifyError(title ?? 'Something went wrong', error);
      },
    }),
  });
  return client;
}
