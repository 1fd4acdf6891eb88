import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@fleet/domain';
import { CampaignStore, LiveQueryAnswerStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { CLOCK, LOGGER } from '@fleet/platform';

/** The active-campaign list is re-read at most this often; a new campaign reaches agents within it. */
export const ACTIVE_CAMPAIGNS_TTL_MS = 500;

/**
 * Live queries waiting for a host: active campaigns whose target bitmap has the host's bit set. One
 * pipelined round trip per check-in while campaigns are active, none when there are none (the active list
 * and each campaign's SQL are held in the process).
 */
@Injectable()
export class LiveQueryReader {
  private active: number[] = [];
  private activeAt: number | undefined;
  private readonly sqlCache = new Map<number, string>();

  constructor(
    private readonly campaigns: CampaignStore,
    private readonly answers: LiveQueryAnswerStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Campaign id → SQL. Redis errors are logged and yield nothing, as in Fleet: the host still gets its other queries. */
  async pendingFor(hostId: number): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    try {
      const campaigns = await this.activeCampaigns();
      for (const id of await this.answers.awaitingAnswer(hostId, campaigns)) {
        const sql = await this.sqlOf(id);
        if (sql) out.set(id, sql);
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'live queries unavailable for this check-in');
    }
    return out;
  }

  private async activeCampaigns(): Promise<number[]> {
    const now = this.clock.now().getTime();
    if (this.activeAt === undefined || now - this.activeAt > ACTIVE_CAMPAIGNS_TTL_MS) {
      this.active = await this.campaigns.activeIds();
      this.activeAt = now;
      for (const id of this.sqlCache.keys()) if (!this.active.includes(id)) this.sqlCache.delete(id);
    }
    return this.active;
  }

  private async sqlOf(id: number): Promise<string | null> {
    const cached = this.sqlCache.get(id);
    if (cached !== undefined) return cached;
    const sql = await this.answers.sql(id);
    if (sql) this.sqlCache.set(id, sql);
    return sql;
  }
}
