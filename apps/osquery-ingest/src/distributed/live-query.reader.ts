import { Inject, Injectable } from '@nestjs/common';
import { liveQueryKeys } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { LOGGER, REDIS } from '@fleet/platform';

/** The active-campaign list is re-read at most this often; a new campaign reaches agents within it. */
const ACTIVE_TTL_MS = 500;

/**
 * Live queries waiting for a host: active campaigns whose target bitmap has the host's bit set. One
 * pipelined round trip per check-in while campaigns are active, none when there are none.
 */
@Injectable()
export class LiveQueryReader {
  private active: string[] = [];
  private activeAt = 0;
  private readonly sqlCache = new Map<string, string>();

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Campaign id → SQL. Redis errors are logged and yield nothing, as in Fleet: the host still gets its other queries. */
  async pendingFor(hostId: number): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    try {
      const campaigns = await this.activeCampaigns();
      if (campaigns.length === 0) return out;
      const pipeline = this.redis.pipeline();
      for (const id of campaigns) pipeline.getbit(liveQueryKeys.targets(Number(id)), hostId);
      const bits = (await pipeline.exec()) ?? [];
      const hits = campaigns.filter((_, i) => bits[i]?.[1] === 1);
      for (const id of hits) {
        const sql = await this.sqlOf(id);
        if (sql) out.set(Number(id), sql);
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'live queries unavailable for this check-in');
    }
    return out;
  }

  private async activeCampaigns(): Promise<string[]> {
    const now = Date.now();
    if (now - this.activeAt > ACTIVE_TTL_MS) {
      this.active = await this.redis.smembers(liveQueryKeys.active);
      this.activeAt = now;
      for (const id of this.sqlCache.keys()) if (!this.active.includes(id)) this.sqlCache.delete(id);
    }
    return this.active;
  }

  private async sqlOf(id: string): Promise<string | null> {
    const cached = this.sqlCache.get(id);
    if (cached !== undefined) return cached;
    const sql = await this.redis.get(liveQueryKeys.sql(Number(id)));
    if (sql) this.sqlCache.set(id, sql);
    return sql;
  }
}
