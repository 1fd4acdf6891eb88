import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@fleet/domain';
import { CampaignStore, hasTarget, LiveQueryAnswerStore } from '@fleet/messaging';
import type { LiveCampaign } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { CLOCK, LOGGER } from '@fleet/platform';

/** The active-campaign list is re-read at most this often; a new campaign reaches agents within it. */
export const ACTIVE_CAMPAIGNS_TTL_MS = 500;

/**
 * Live queries waiting for a host: active campaigns whose target bitmap has the host's bit set. The active
 * list, each campaign's SQL and a copy of its target bitmap are held in the process, so a check-in costs
 * Redis nothing unless a campaign targets the host, and then one pipelined GETBIT per such campaign (the
 * copy cannot say whether the host has answered since, on this replica or another). A host clear in the copy
 * is never asked: bits are only cleared after launch.
 */
@Injectable()
export class LiveQueryReader {
  private active: number[] = [];
  private activeAt: number | undefined;
  private readonly campaignCache = new Map<number, Promise<LiveCampaign | null>>();

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
      const ids = await this.activeCampaigns();
      if (ids.length === 0) return out;
      const live = await Promise.all(ids.map((id) => this.campaignOf(id)));
      const targeting = new Map<number, string>();
      ids.forEach((id, i) => {
        const c = live[i];
        if (c && hasTarget(c.targets, hostId)) targeting.set(id, c.sql);
      });
      for (const id of await this.answers.awaitingAnswer(hostId, [...targeting.keys()])) out.set(id, targeting.get(id) as string);
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
      const active = new Set(this.active);
      for (const id of this.campaignCache.keys()) if (!active.has(id)) this.campaignCache.delete(id);
    }
    return this.active;
  }

  /** One read per campaign however many check-ins ask at once; a failed read is retried by the next check-in. */
  private campaignOf(id: number): Promise<LiveCampaign | null> {
    let read = this.campaignCache.get(id);
    if (!read) {
      read = this.answers.launched(id);
      this.campaignCache.set(id, read);
      read.catch(() => {
        if (this.campaignCache.get(id) === read) this.campaignCache.delete(id);
      });
    }
    return read;
  }
}
