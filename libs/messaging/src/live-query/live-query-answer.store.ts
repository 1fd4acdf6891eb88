import { createHash } from 'node:crypto';
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
 * APPEND_ANSWER for many answers of one campaign in one call: ARGV is maxlen, then host id and payload pairs.
 * Returns one 1/0 per pair, in order. Each answer is checked and appended exactly as APPEND_ANSWER does it
 * (a host named twice in one batch is heard once: its bit is cleared by the first).
 */
const APPEND_ANSWERS = `
local out = {}
for i = 2, #ARGV, 2 do
  if redis.call('GETBIT', KEYS[1], ARGV[i]) == 1 then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[i + 1])
    redis.call('SETBIT', KEYS[1], ARGV[i], 0)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out`;
const APPEND_ANSWERS_SHA = createHash('sha1').update(APPEND_ANSWERS).digest('hex');

/** One answer of a batch (appendMany). */
export interface CampaignAnswer {
  readonly hostId: number;
  readonly event: EncodedCampaignEvent<ResultEvent>;
}

/** A campaign's SQL with its target bitmap as read at one moment (`launched`). */
export interface LiveCampaign {
  readonly sql: string;
  readonly targets: Buffer;
}

/**
 * The agent side of live-query campaigns in Redis: which active campaigns still wait for a host's answer
 * (its bit in the target bitmap), their SQL, and the answer itself. The active set is CampaignStore's.
 */
export class LiveQueryAnswerStore {
  constructor(private readonly redis: RedisClient) {}

  /**
   * Those of `campaignIds` whose target bitmap has `hostId` set: a GETBIT each, issued together so auto-pipelining
   * sends them in one round trip (per node on a cluster, where each campaign's keys live in a slot of their own).
   */
  async awaitingAnswer(hostId: number, campaignIds: readonly number[]): Promise<number[]> {
    if (campaignIds.length === 0) return [];
    const bits = await Promise.all(campaignIds.map((id) => this.redis.getbit(liveQueryKeys.targets(id), hostId)));
    return campaignIds.filter((_, i) => bits[i] === 1);
  }

  /**
   * The campaign's SQL and its target bitmap as they are now; null once the campaign ended or expired. Bits
   * are only ever cleared after launch (by answers), so a host clear in this copy is never asked later.
   */
  async launched(campaignId: number): Promise<LiveCampaign | null> {
    const [sql, targets] = await Promise.all([this.redis.get(liveQueryKeys.sql(campaignId)), this.redis.getBuffer(liveQueryKeys.targets(campaignId))]);
    return sql === null || targets === null ? null : { sql, targets };
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

  /**
   * Many answers to one campaign in one Redis call (the script is sent once, then run by its SHA): what a
   * campaign to every host needs, where thousands of answers arrive each second. Resolves with one flag per
   * answer, true when appended. The two keys share nothing but the campaign id, as with append().
   */
  async appendMany(campaignId: number, answers: readonly CampaignAnswer[]): Promise<boolean[]> {
    if (answers.length === 0) return [];
    const args: Array<string | number> = [LIVE_QUERY_STREAM_MAXLEN];
    for (const a of answers) args.push(a.hostId, a.event);
    const keys = [liveQueryKeys.targets(campaignId), liveQueryKeys.results(campaignId)];
    let r: unknown;
    try {
      r = await this.redis.evalsha(APPEND_ANSWERS_SHA, 2, ...keys, ...args);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      r = await this.redis.eval(APPEND_ANSWERS, 2, ...keys, ...args);
    }
    const flags = Array.isArray(r) ? r : [];
    return answers.map((_, i) => flags[i] === 1);
  }
}
