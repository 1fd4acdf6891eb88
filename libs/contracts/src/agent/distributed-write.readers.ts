import type { z } from 'zod';
import { isJsonObject } from '@fleet/domain';
import { osqueryRowOf } from './agent-values.schema';
import type { OsqueryRow } from './agent-values.schema';
import { distributedStatsSchema, distributedWriteEntrySchemas } from './distributed.schema';
import type { DistributedWriteRecord } from './distributed.schema';

type EntryOutput<R extends DistributedWriteRecord> = z.output<(typeof distributedWriteEntrySchemas)[R]>;

/** Reads one entry of a distributed/write record; the same answer as that record's entry schema's `safeParse`. */
export type DistributedWriteEntryReader<R extends DistributedWriteRecord> = (value: unknown) => z.ZodSafeParseResult<EntryOutput<R>>;

const ok = <T>(data: T): z.ZodSafeParseSuccess<T> => ({ success: true, data });

/**
 * A query's rows, read as `distributedRowsSchema` reads them without copying what is already in its output form
 * (`osqueryRowOf`): an array of rows of strings is returned as it came. Anything outside that path (a row that is
 * not an object) goes to the schema itself, so an error reads exactly as it did.
 */
export function readDistributedRows(value: unknown): z.ZodSafeParseResult<OsqueryRow[]> {
  if (!Array.isArray(value)) return ok([]);
  let out: OsqueryRow[] | null = null;
  for (let i = 0; i < value.length; i += 1) {
    const row: unknown = value[i];
    if (!isJsonObject(row)) return distributedWriteEntrySchemas.queries.safeParse(value);
    const read = osqueryRowOf(row);
    if (read !== row) out ??= value.slice(0, i) as OsqueryRow[];
    out?.push(read);
  }
  return ok(out ?? (value as OsqueryRow[]));
}

/** A status: a JSON integer as it came, anything else (a decimal string from osquery < 3, or a bad value) by the schema. */
export function readDistributedStatus(value: unknown): z.ZodSafeParseResult<number> {
  return typeof value === 'number' && Number.isSafeInteger(value) ? ok(value) : distributedWriteEntrySchemas.statuses.safeParse(value);
}

type Stats = EntryOutput<'stats'>;
const STATS_FIELDS = Object.keys(distributedStatsSchema.shape) as Array<keyof Stats>;

/** A query's stats: numbers kept as they came, anything else (numeric strings, bad values) by the schema. */
export function readDistributedStats(value: unknown): z.ZodSafeParseResult<Stats> {
  if (!isJsonObject(value)) return distributedWriteEntrySchemas.stats.safeParse(value);
  const out: { -readonly [F in keyof Stats]: Stats[F] } = {};
  for (const field of STATS_FIELDS) {
    const v = value[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return distributedWriteEntrySchemas.stats.safeParse(value);
    out[field] = v;
  }
  return ok(out);
}

/** The readers of each record's entries, for a server that checks a write entry by entry. */
export const distributedWriteEntryReaders: { readonly [R in DistributedWriteRecord]: DistributedWriteEntryReader<R> } = {
  queries: readDistributedRows,
  statuses: readDistributedStatus,
  messages: (value) => (typeof value === 'string' ? ok(value) : distributedWriteEntrySchemas.messages.safeParse(value)),
  stats: readDistributedStats,
};
