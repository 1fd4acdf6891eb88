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
