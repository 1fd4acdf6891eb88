import { streamEnvelopeSchema } from '@fleet/contracts';
import type { StreamContract, StreamPayload } from '@fleet/contracts';
import type { StreamEntry } from './stream-worker';

/** One entry whose envelope and payload passed the contract's schemas. */
export interface AcceptedEntry<T> {
  readonly id: string;
  readonly data: T;
  /** When the producer accepted it (epoch ms). */
  readonly at: number;
  /** The producer's W3C traceparent, when tracing was on there. */
  readonly tp: string | undefined;
}

/** An entry that can never be processed: not JSON, not an envelope, or a payload the contract rejects. */
export interface RejectedEntry {
  readonly id: string;
  readonly problem: string;
}

export interface DecodedBatch<T> {
  readonly accepted: ReadonlyArray<AcceptedEntry<T>>;
  readonly rejected: readonly RejectedEntry[];
}

const summarise = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string =>
  issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');

/** Validates each entry of a batch against the stream's envelope and the contract's payload schema, keeping stream order. */
export function decodeStreamBatch<C extends StreamContract>(contract: C, entries: readonly StreamEntry[]): DecodedBatch<StreamPayload<C>> {
  const accepted: Array<AcceptedEntry<StreamPayload<C>>> = [];
  const rejected: RejectedEntry[] = [];
  for (const entry of entries) {
    const envelope = streamEnvelopeSchema.safeParse(entry.message);
    if (!envelope.success) {
      rejected.push({ id: entry.id, problem: `malformed envelope: ${summarise(envelope.error.issues)}` });
      continue;
    }
    const payload = contract.payload.safeParse(envelope.data.data);
    if (!payload.success) {
      rejected.push({ id: entry.id, problem: `invalid payload: ${summarise(payload.error.issues)}` });
      continue;
    }
    accepted.push({ id: entry.id, data: payload.data as StreamPayload<C>, at: envelope.data.at, tp: envelope.data.tp });
  }
  return { accepted, rejected };
}
