import type { RedisClient } from '../redis.factory';
import { LIVE_QUERY_STREAM_MAXLEN } from '../live-query.keys';
import { redisLease } from '../redis-lease';
import { encodeCampaignEvent } from './campaign-event.schema';
import type { CampaignEndReason, CampaignStreamEntry, StatusEvent } from './campaign-event.schema';
import { CAMPAIGN_KEY_TTL_SECONDS, campaignKeys } from './campaign-keys';
import { rangeCampaignStream } from './campaign-stream.reader';
import { targetBitmap } from './target-bitmap';

export interface CampaignLaunch {
  readonly id: number;
  readonly sql: string;
  readonly hostIds: readonly number[];
  readonly userId: number;
  readonly totals: { readonly count: number; readonly online: number; readonly offline: number; readonly missing: number };
  readonly createdAtMs: number;
  /**
   * A waiting campaign's deadline: it stays open for every target, offline ones included, until each answered
   * or this time came (its keys live that long plus a day). Absent: Fleet's campaign, done when the online answered.
   */
  readonly waitUntilMs?: number;
  /** Send every answer to the log destinations that route `live_query` lines. */
  readonly logResults?: boolean;
  /** The saved query's name, for the logged lines (null for ad-hoc SQL). */
  readonly queryName?: string | null;
}

/** What the supervisor counts from a campaign's answers. */
export interface CampaignCounters {
  readonly responded: number;
  readonly failed: number;
  readonly rows: number;
  readonly firstAtMs: number | null;
  readonly lastAtMs: number | null;
}

/** The campaign's totals fixed at launch and its counters as the supervisor last stored them. */
export interface CampaignMeta extends CampaignCounters {
  readonly userId: number;
  readonly count: number;
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
  readonly createdAtMs: number;
  /** Stream id of the last entry counted ('0-0' before the first). */
  readonly cursor: string;
  readonly ended: CampaignEndReason | null;
  /** Deadline of a waiting campaign (null: an ordinary one). */
  readonly waitUntilMs: number | null;
}

/**
 * Ends a campaign once: marks `ended`, deletes SQL and targets (so agents stop being asked and late answers are
 * dropped by the ingest script), appends the final status entry and lets the stream and meta expire after the
 * retention period. The caller then removes the id from the active set (a key of another slot on a cluster).
 * KEYS: meta, sql, targets, results (one campaign's, one hash slot). ARGV: reason, maxlen, retention seconds.
 */
const END = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2], KEYS[3])
  return 0
end
if redis.call('HSETNX', KEYS[1], 'ended', ARGV[1]) == 0 then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
local m = redis.call('HMGET', KEYS[1], 'online', 'responded')
local ev = cjson.encode({type='status', expected_results=tonumber(m[1]) or 0, actual_results=tonumber(m[2]) or 0, status='finished', ended=ARGV[1]})
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[2], '*', 'm', ev)
redis.call('EXPIRE', KEYS[4], ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

const num = (v: string | undefined): number => (v === undefined || v === '' ? 0 : Number(v));
const optNum = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

/**
 * A campaign's state in Redis, shared by every role and replica: whoever launches writes SQL, targets, meta
 * and the opening `totals`/`status` entries in one MULTI (SQL before targets, active last, as Fleet orders
 * them, so an agent never sees targets without SQL); whoever ends it (supervisor on completion or timeout,
 * gateway on stop or after a synchronous run) goes through the one-shot END script.
 */
export class CampaignStore {
  constructor(private readonly redis: RedisClient) {}

  async launch(c: CampaignLaunch): Promise<void> {
    const k = campaignKeys;
    const ttl = c.waitUntilMs === undefined ? CAMPAIGN_KEY_TTL_SECONDS : Math.ceil((c.waitUntilMs - c.createdAtMs) / 1000) + CAMPAIGN_KEY_TTL_SECONDS;
    const expected = c.waitUntilMs === undefined ? c.totals.online : c.totals.count;
    const totals = { type: 'totals', count: c.totals.count, online: c.totals.online, offline: c.totals.offline, missing_in_action: c.totals.missing };
    const status = { type: 'status', expected_results: expected, actual_results: 0, status: expected === 0 ? 'finished' : 'pending' };
    await this.redis.multi()
      .set(k.sql(c.id), c.sql, 'EX', ttl)
      .set(k.targets(c.id), targetBitmap(c.hostIds), 'EX', ttl)
      .hset(k.meta(c.id), {
        user_id: c.userId, count: c.totals.count, online: c.totals.online, offline: c.totals.offline, missing: c.totals.missing,
        created_at: c.createdAtMs, responded: 0, failed: 0, rows: 0, cursor: '0-0',
        ...(c.waitUntilMs === undefined ? {} : { wait_until: c.waitUntilMs }),
        ...(c.logResults ? { log_results: 1, query_name: c.queryName ?? '' } : {}),
      })
      .expire(k.meta(c.id), ttl)
      .xadd(k.results(c.id), 'MAXLEN', '~', LIVE_QUERY_STREAM_MAXLEN, '*', 'm', JSON.stringify(totals))
      .xadd(k.results(c.id), 'MAXLEN', '~', LIVE_QUERY_STREAM_MAXLEN, '*', 'm', JSON.stringify(status))
      .expire(k.results(c.id), ttl)
      .exec();
    // Active only once SQL and targets exist, so an agent never sees targets without SQL.
    await this.redis.sadd(k.active, String(c.id));
  }

  /** True when this call ended the campaign; false when it had already ended or expired. */
  async end(id: number, reason: CampaignEndReason, retentionSeconds: number): Promise<boolean> {
    const k = campaignKeys;
    const r = await this.redis.eval(END, 4, k.meta(id), k.sql(id), k.targets(id), k.results(id),
      reason, LIVE_QUERY_STREAM_MAXLEN, Math.max(1, Math.ceil(retentionSeconds)));
    await this.redis.srem(k.active, String(id));
    return r === 1;
  }

  async meta(id: number): Promise<CampaignMeta | null> {
    const h = await this.redis.hgetall(campaignKeys.meta(id));
    if (!h['created_at']) return null;
    return {
      userId: num(h['user_id']), count: num(h['count']), online: num(h['online']), offline: num(h['offline']), missing: num(h['missing']),
      createdAtMs: num(h['created_at']), responded: num(h['responded']), failed: num(h['failed']), rows: num(h['rows']),
      cursor: h['cursor'] || '0-0', firstAtMs: optNum(h['first_at']), lastAtMs: optNum(h['last_at']),
      ended: (h['ended'] as CampaignEndReason | undefined) ?? null, waitUntilMs: optNum(h['wait_until']),
    };
  }

  /** Host ids still expected to answer (their bit in the target bitmap is set); empty once the campaign ended. */
  async pendingHostIds(id: number): Promise<number[]> {
    const bitmap = await this.redis.getBuffer(campaignKeys.targets(id));
    const out: number[] = [];
    if (!bitmap) return out;
    for (let byte = 0; byte < bitmap.length; byte += 1) {
      const b = bitmap[byte] ?? 0;
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) if (b & (0x80 >> bit)) out.push(byte * 8 + bit);
    }
    return out;
  }

  async activeIds(): Promise<number[]> {
    return (await this.redis.smembers(campaignKeys.active)).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  }

  /** Removes an id from the active set whose keys are gone (expired without an end). */
  async forget(id: number): Promise<void> {
    await this.redis.srem(campaignKeys.active, String(id));
  }

  /**
   * Takes the campaign's counting lease for `ms` under `holder` (unique per visit), so one live-query replica
   * counts a campaign at a time; false when another holder has it. It expires on its own if the holder dies.
   */
  async acquireLease(id: number, holder: string, ms: number): Promise<boolean> {
    return redisLease.acquire(this.redis, campaignKeys.lease(id), holder, ms);
  }

  /** Gives the counting lease up if `holder` still has it. */
  async releaseLease(id: number, holder: string): Promise<void> {
    await redisLease.release(this.redis, campaignKeys.lease(id), holder);
  }

  /** True for the first caller only, across replicas: the campaign is seen running for the first time. */
  async markSeen(id: number): Promise<boolean> {
    return (await this.redis.hsetnx(campaignKeys.meta(id), 'seen', '1')) === 1;
  }

  /** Up to `count` entries of the results stream after `afterId` (exclusive), oldest first, without blocking. */
  async entriesAfter(id: number, afterId: string, count: number): Promise<{ entries: CampaignStreamEntry[]; lastId: string }> {
    return rangeCampaignStream(this.redis, id, afterId, count);
  }

  /** Moves the cursor past entries that changed no counter. */
  async saveCursor(id: number, cursor: string): Promise<void> {
    await this.redis.hset(campaignKeys.meta(id), 'cursor', cursor);
  }

  /** Stores the counters and the cursor they were counted up to, and appends `status`, in one MULTI. */
  async saveProgress(id: number, cursor: string, counters: CampaignCounters, status: StatusEvent): Promise<void> {
    await this.redis.multi()
      .hset(campaignKeys.meta(id), {
        cursor, responded: counters.responded, failed: counters.failed, rows: counters.rows,
        first_at: counters.firstAtMs ?? '', last_at: counters.lastAtMs ?? '',
      })
      .xadd(campaignKeys.results(id), 'MAXLEN', '~', LIVE_QUERY_STREAM_MAXLEN, '*', 'm', encodeCampaignEvent(status))
      .exec();
  }
}
