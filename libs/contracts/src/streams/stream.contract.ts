import { z } from 'zod';

/**
 * A Redis stream that carries data from the request that accepted it to a consumer group that processes
 * it. Consumers declare themselves with `@EventPattern(contract)`; the transport reads `key` with `group`
 * and validates each entry's `data` with `payload` before the handler sees it.
 */
export interface StreamContract<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly group: string;
  /** Schema of one entry's `data`; entries it rejects are logged and dropped (retrying cannot fix them). */
  readonly payload: S;
}

/** What one entry of the stream carries, once validated. */
export type StreamPayload<C extends StreamContract> = z.output<C['payload']>;

export const streamContract = <S extends z.ZodType>(key: string, group: string, payload: S): StreamContract<S> => ({ key, group, payload });

/** Every entry is one field `m` holding this JSON envelope; the version guards rolling upgrades. */
export const streamEnvelopeSchema = z.object({
  v: z.literal(1),
  /** Epoch ms when the request was accepted. */
  at: z.number(),
  /**
   * W3C `traceparent` of the request that produced the entry (absent when tracing is off), so the
   * consumer's span joins the producer's trace.
   */
  tp: z.string().optional(),
  data: z.unknown(),
});
export type StreamEnvelope = z.output<typeof streamEnvelopeSchema>;
