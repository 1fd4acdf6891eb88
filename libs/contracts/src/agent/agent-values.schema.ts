import { z } from 'zod';
import { jsonText } from '@fleet/domain';
import type { JsonObject } from '@fleet/domain';

/**
 * osquery sends column values as JSON strings. Be as lenient as the agent population requires: numbers and
 * booleans (`--logger_numerics`, hand-written clients) become their string form, null becomes '', and nested
 * JSON is kept as its JSON text (at any depth: see jsonText), so a single odd value never discards a whole
 * result set nor fails the request.
 */
export function osqueryValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return jsonText(value);
}
/** `osqueryValue` as a schema, for the places that validate a whole body at once. */
export const osqueryValueSchema = z.unknown().transform(osqueryValue);

/** One result row: column name → string value. */
export const osqueryRowSchema = z.record(z.string(), osqueryValueSchema);
export type OsqueryRow = z.output<typeof osqueryRowSchema>;

/**
 * `osqueryRowSchema`'s output for a JSON object, without copying what is already in that form: osquery sends
 * every value as a string, so such a row is returned as it came; a row with other values is copied with them
 * coerced by `osqueryValue`. For the agent hot paths, where the schema's per-value transform built a result
 * object for each of the thousands of values of a new host's first write.
 */
export function osqueryRowOf(columns: JsonObject): OsqueryRow {
  let copy: OsqueryRow | null = null;
  for (const key in columns) {
    const cell = columns[key];
    if (typeof cell === 'string') continue;
    copy ??= { ...(columns as OsqueryRow) };
    copy[key] = osqueryValue(cell);
  }
  return copy ?? (columns as OsqueryRow);
}

/**
 * The node key in the body. Optional because osquery ≥ 5.23 also sends `Authorization: NodeKey <key>` and a
 * strict server may rely on the header alone; the transport decides which one authenticates.
 */
export const nodeKeyField = z.string().optional();

/** An integer sent as a JSON number or, by older agents, as a decimal string. */
export const lenientIntSchema = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'expected an integer')
    .transform(Number),
]);

/** A non-negative number sent as a number or a numeric string. */
export const lenientNonNegativeSchema = z.union([
  z.number().nonnegative(),
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'expected a non-negative number')
    .transform(Number),
]);
