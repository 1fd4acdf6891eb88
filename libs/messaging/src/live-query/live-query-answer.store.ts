import type { RedisClient } from '../redis.factory';
import { LIVE_QUERY_STREAM_MAXLEN, liveQueryKeys } from '../live-query.keys';
import { campaignKeys } from './campaign-keys';
import type { EncodedCampaignEvent, ResultEvent } from './campaign-event.schema';

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

/**
 * The agent side of live-query campaigns in Redis: which active campaigns still wait for a host's answer
 * (its bit in the target bitmap), their SQL, and the answer itself. The active set is CampaignStore's.
 */
export class LiveQueryAnswerStore {
  constructor(private readonly redis: RedisClient) {}

  /** Those of `campaignIds` whose target bitmap has `hostId` set: one pipelined round trip (GETBIT each). */
  async awaitingAnswer(hostId: number, campaignIds: readonly number[]): Promise<number[]> {
    if (campaignIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of campaignIds) pipeline.getbit(liveQueryKeys.targets(id), hostId);
    const bits = (await pipeline.exec()) ?? [];
    const failed = bits.find(([err]) => err);
    if (failed?.[0]) throw failed[0];
    return campaignIds.filter((_, i) => bits[i]?.[1] === 1);
  }

  /** The campaign's SQL; null once the campaign ended or expired. */
  sql(campaignId: number): Promise<string | null> {
    return this.redis.get(liveQueryKeys.sql(campaignId));
  }

  /** Whether the campaign's answers go to the log destinations, and the saved query's name for the lines. */
  async logging(campaignId: number): Promise<{ logResults: boolean; queryName: string | null }> {
    const [flag, name] = await this.redis.hmget(campaignKeys.meta(campaignId), 'log_results', 'query_name');
    return { logResults: flag === '1', queryName: name ? name : null };
  }

  /** True when the answer was appended; false when refused (not targeted, already answered, or ended). */
  async append(campaignId: number, hostId: number, event: EncodedCampaignEvent<ResultEvent>): Promise<boolean> {
    const r = await this.redis.eval(APPEND_ANSWER, 2, liveQueryKeys.targets(campaignId), liveQueryKeys.results(campaignId), hostId, LIVE_QUERY_STREAM_MAXLEN, event);
    return r === 1;
  }
}
