import { z } from 'zod';

/** POST /queries/check: the SQL to check before it is run on hosts or saved. */
export const sqlCheckRequestSchema = z.object({ query: z.string().max(100_000, 'is longer than 100,000 characters') });

/**
 * The answer: `valid` false with `error` when SQLite (the engine osquery runs queries in) cannot parse the SQL;
 * `warnings` for names osquery's core schema does not know (a table from an extension, a column of a newer
 * version), which do not stop a run.
 */
export const sqlCheckResponseSchema = z.object({
  valid: z.boolean(),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  /** The osquery tables the SQL reads, as far as the check can tell (for the editor's platform hint). */
  tables: z.array(z.string()),
});
export type SqlCheckDto = z.input<typeof sqlCheckResponseSchema>;
