import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@fleet/domain';
import { LIVE_QUERY_STREAM_MAXLEN, liveQueryKeys } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { REDIS } from '@fleet/platform';

/**
 * Appends the answer and clears the host's target bit in one atomic step, and only while the campaign
 * still exists: answers to an ended (expired) campaign are dropped rather than recreating its keys.
 * KEYS: targets, results. ARGV: host id, maxlen, payload.
 */
const APPEND_ANSWER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'm', ARGV[3])
redis.call('SETBIT', KEYS[1], ARGV[1], 0)
return 1`;

export interface LiveQueryAnswer {
  readonly campaignId: number;
  readonly hostId: number;
  readonly hostname: string;
  readonly rows: ReadonlyArray<Record<string, string>>;
  readonly error: string | null;
  readonly stats: Readonly<Record<string, number | undefined>>;
}

/** Live-query answers go to the campaign's Redis stream, where any gateway replica can stream them. */
@Injectable()
export class LiveQueryWriter {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async append(answers: readonly LiveQueryAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    try {
      await Promise.all(
        answers.map((a) => {
          const payload = JSON.stringify({ type: 'result', host_id: a.hostId, hostname: a.hostname, rows: a.rows, error: a.error, stats: a.stats, at: Date.now() });
          return this.redis.eval(APPEND_ANSWER, 2, liveQueryKeys.targets(a.campaignId), liveQueryKeys.results(a.campaignId), a.hostId, LIVE_QUERY_STREAM_MAXLEN, payload);
        }),
      );
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not store live query results', { cause: (err as Error).message });
    }
  }
}
