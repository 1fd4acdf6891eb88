import type { StreamContract, StreamEnvelope, StreamPayload } from '@fleet/contracts';
import { activeTraceparent } from '@fleet/observability';
import type { RedisClient } from './redis.factory';

/**
 * Appends one JSON message to a stream and resolves only once Redis has it: the caller may then tell an
 * agent its data was accepted.
 */
export async function appendToStream(redis: RedisClient, key: string, message: unknown, maxLen?: number): Promise<string> {
  const payload = JSON.stringify(message);
  const id = maxLen
    ? await redis.xadd(key, 'MAXLEN', '~', String(maxLen), '*', 'm', payload)
    : await redis.xadd(key, '*', 'm', payload);
  if (!id) throw new Error(`stream ${key} refused the entry`);
  return id;
}

/**
 * Producer side of the stream contracts: wraps `data` in the versioned envelope with the time it was
 * accepted and the active trace context (so the consumer's span joins the request's trace), and appends it
 * in one XADD. Resolves with the entry id once Redis holds it.
 */
export class StreamProducer {
  constructor(private readonly redis: RedisClient) {}

  append<C extends StreamContract>(stream: C, data: StreamPayload<C>, atMs: number): Promise<string> {
    const envelope: StreamEnvelope = { v: 1, at: atMs, data };
    const tp = activeTraceparent();
    if (tp) envelope.tp = tp;
    return appendToStream(this.redis, stream.key, envelope);
  }
}
