import { sqlCheckRequestSchema, sqlCheckResponseSchema } from '../sql-check.schema';
import { adminRoute } from './admin-route';

/** The SQL check the web UI runs before a live query is sent or a saved query is written (ours; Fleet checks in its UI). */
export const sqlCheckRoutes = {
  check: adminRoute({
    method: 'POST', path: '/queries/check', body: sqlCheckRequestSchema, response: sqlCheckResponseSchema, readOnly: true,
    permission: { action: 'query:read', on: 'any' }, summary: 'Check SQL before running or saving it',
    description: 'Parses the SQL with SQLite against osquery\'s core tables without running it. `valid: false` and `error` (SQLite\'s message, '
      + 'for example `near "SELEC": syntax error`) when it cannot be parsed; `warnings` for tables, columns or functions osquery\'s core '
      + 'schema does not have (extensions may add them).',
    example: () => ({ body: { query: 'SELECT version FROM osquery_info;' } }),
  }),
};
