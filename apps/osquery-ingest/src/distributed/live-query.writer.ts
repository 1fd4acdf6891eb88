import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DomainError } from '@fleet/domain';
import { LIVE_QUERY_STREAM_MAXLEN, liveQueryKeys } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { REDIS } from '@fleet/platform';

/**
 * Appends the answer and clears the host's target bit in one atomic step, and only while that bit is set:
 * the bit is set at launch for each targeted host and cleared by its first answer, so an answer from a
 * host the campaign did not target, a second answer, and an answer to an ended campaign (whose bitmap is
 * deleted) are all refused without touching the stream. KEYS: targets, results. ARGV: host id, maxlen,
 * payload. Returns 1 when appended, 0 when refused.
 */
const APPEND_ANSWER = `
if redis.call('GETBIT', KEYS[1], ARGV[1]) == 0 then return 0 end
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

/**
 * Live-query answers go to the campaign's Redis stream, where any gateway replica can stream them. Only
 * targeted hosts that have not answered yet are heard, and one answer is at most
 * `osquery.max_live_query_answer_size` bytes: a bigger one is stored as that host's error, so a campaign's
 * stream is bounded by its targets and a host cannot fill Redis or another team's campaign.
 */
@Injectable()
export class LiveQueryWriter {
  private readonly refused: Counter<'reason'>;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    metrics: MetricsRegistry,
  ) {
    this.refused = metrics.counter('fleet_live_query_answers_refused_total', 'Live-query answers not stored, by reason', ['reason']);
  }

  /** Resolves with the number of answers stored; refused ones are counted, never an error for the agent. */
  async append(answers: readonly LiveQueryAnswer[], nowMs: number): Promise<number> {
    if (answers.length === 0) return 0;
    const limit = this.config.osquery.max_live_query_answer_size;
    try {
      const stored = await Promise.all(
        answers.map(async (a) => {
          let payload = JSON.stringify({ type: 'result', host_id: a.hostId, hostname: a.hostname, rows: a.rows, error: a.error, stats: a.stats, at: nowMs });
          if (Buffer.byteLength(payload) > limit) {
            this.refused.inc({ reason: 'too_large' });
            const error = `results exceed the limit of ${limit} bytes per host (osquery.max_live_query_answer_size)`;
            payload = JSON.stringify({ type: 'result', host_id: a.hostId, hostname: a.hostname, rows: [], error, stats: a.stats, at: nowMs });
          }
          const r = await this.redis.eval(APPEND_ANSWER, 2, liveQueryKeys.targets(a.campaignId), liveQueryKeys.results(a.campaignId), a.hostId, LIVE_QUERY_STREAM_MAXLEN, payload);
          if (r !== 1) this.refused.inc({ reason: 'not_targeted' });
          return r === 1 ? 1 : 0;
        }),
      );
      return stored.reduce<number>((n, x) => n + x, 0);
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not store live query results', { cause: (err as Error).message });
    }
  }
}
