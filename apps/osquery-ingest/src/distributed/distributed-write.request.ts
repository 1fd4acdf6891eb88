import type { z } from 'zod';
import {
  describeFieldErrors, DISTRIBUTED_WRITE_RECORDS, distributedWriteEntryReaders, distributedWriteEnvelopeSchema, distributedWriteRequestSchema, zodIssuesToFieldErrors,
} from '@fleet/contracts';
import type { DistributedWriteRecord, DistributedWriteRequest, FieldError } from '@fleet/contracts';
import { DomainError, isJsonObject } from '@fleet/domain';
import { parseAgentBody } from '../auth/parse-body';
import type { WorkSlicer } from '../slicing/work-slicer';

/** Entries checked between two looks at the slicer's clock. */
const ENTRIES_PER_CHECK = 64;

/**
 * Reads a distributed/write body as `distributedWriteRequestSchema` would, without holding the event loop:
 * the number of entries of each record (queries, statuses, messages, stats) is bounded by
 * `osquery.max_distributed_write_queries` before anything is checked, and the entries are checked one by one
 * by their contract readers (the entry schemas' answers, without copying rows already in their output form) in
 * slices. A write over the bound is refused whole (nothing of it is
 * applied) with an `error`, so the agent keeps its results; a legitimate agent only answers the queries it
 * was sent, far fewer.
 */
export async function readDistributedWrite(body: unknown, maxQueries: number, slicer: WorkSlicer): Promise<DistributedWriteRequest> {
  const envelope = parseAgentBody(distributedWriteEnvelopeSchema, body);
  const fields = body as Record<string, unknown>;
  for (const record of DISTRIBUTED_WRITE_RECORDS) {
    const value = fields[record];
    const count = isJsonObject(value) ? Object.keys(value).length : 0;
    if (count > maxQueries) {
      throw new DomainError('BODY_TOO_LARGE', `distributed/write carries ${count} ${record} entries; at most ${maxQueries} are accepted (osquery.max_distributed_write_queries)`);
    }
  }
  const errors: FieldError[] = [];
  const checked = async <T>(record: DistributedWriteRecord, read: (value: unknown) => z.ZodSafeParseResult<T>): Promise<Record<string, T>> => {
    const out: Record<string, T> = {};
    const value = fields[record];
    if (value === undefined) return out;
    if (!isJsonObject(value)) {
      // Not an object: the contract's own answer for the field (it fails before looking at any entry).
      errors.push(...fieldErrors(record, distributedWriteRequestSchema.shape[record].safeParse(value).error));
      return out;
    }
    let n = 0;
    for (const [name, entry] of Object.entries(value)) {
      const parsed = read(entry);
      if (parsed.success) out[name] = parsed.data;
      else errors.push(...fieldErrors(`${record}.${name}`, parsed.error));
      if ((n += 1) % ENTRIES_PER_CHECK === 0) await slicer.turn();
    }
    return out;
  };
  const readers = distributedWriteEntryReaders;
  const request: DistributedWriteRequest = {
    ...(envelope.node_key === undefined ? {} : { node_key: envelope.node_key }),
    queries: await checked('queries', readers.queries),
    statuses: await checked('statuses', readers.statuses),
    messages: await checked('messages', readers.messages),
    stats: await checked('stats', readers.stats),
  };
  if (errors.length > 0) throw new DomainError('BAD_REQUEST', `invalid request: ${describeFieldErrors(errors)}`);
  return request;
}

/** The field errors of a zod error found at `prefix` (as the whole-request schema would name them). */
function fieldErrors(prefix: string, error: z.ZodError | undefined): FieldError[] {
  if (!error) return [];
  return zodIssuesToFieldErrors(error).map((e) => ({ name: e.name === 'base' ? prefix : `${prefix}.${e.name}`, reason: e.reason }));
}
