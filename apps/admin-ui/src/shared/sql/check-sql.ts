import { sqlCheckRoutes } from '@fleet/contracts';
import type { RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../api/http-client';

export type SqlCheck = RouteResponse<typeof sqlCheckRoutes.check>;

/**
 * The server's check of SQL before it is saved (POST /queries/check: SQLite parses it against osquery's
 * tables without running it). Resolves to the parse error, or null when the SQL parses; warnings (unknown
 * tables or columns, which extensions may add) do not stop a save and are returned beside it.
 */
export async function checkSql(query: string): Promise<{ error: string | null; warnings: string[] }> {
  const res = await callRoute(sqlCheckRoutes.check, { body: { query } });
  return { error: res.valid ? null : (res.error ?? 'The SQL cannot be parsed'), warnings: res.warnings };
}
