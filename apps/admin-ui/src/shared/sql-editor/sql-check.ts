import { sqlCheckRoutes } from '@fleet/contracts';
import type { RouteResponse } from '@fleet/contracts';
import { useMutation } from '@tanstack/react-query';
import { callRoute } from '../../api/http-client';

export type SqlCheck = RouteResponse<typeof sqlCheckRoutes.check>;

/**
 * The server's SQL check (POST /queries/check): SQLite parses the SQL against osquery's tables without running
 * it. Pages call it before running or saving and refuse SQL that is not `valid`.
 */
export function useSqlCheck() {
  return useMutation({
    mutationFn: (query: string) => callRoute(sqlCheckRoutes.check, { body: { query } }),
    meta: { failure: 'Could not check the SQL' },
  });
}

/** The one line to show under the editor for a check's result: SQLite's reason, or null. */
export function sqlErrorOf(check: SqlCheck | undefined): string | null {
  return check && !check.valid ? `Invalid SQL: ${check.error ?? 'SQLite could not parse it'}` : null;
}
