import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@fleet/domain';
import { CampaignStore } from '@fleet/messaging';
import type { CampaignMeta, StatusEvent } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { CampaignRepository } from '@fleet/persistence';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { CLOCK, LOGGER } from '@fleet/platform';
import { TickLoop } from '../tick-loop';
import { addEntries, endReason, expectedAnswers, progressOf } from './campaign-progress';
import type { CampaignProgress } from './campaign-progress';
import { LiveQueryMetrics } from './live-query.metrics';

const PAGE = 5000;

/**
 * Fan-in of every active campaign, on any number of live-query replicas: each tick a replica takes a short
 * lease per campaign (CampaignStore) so exactly one replica counts it at a time, reads the new stream entries
 * after the cursor kept in the campaign's meta hash, stores the counters, appends a `status` entry when they
 * changed, and ends the campaign when every online target answered or its deadline passed. All state is in
 * Redis (and the MySQL row at the end), so a replica can die at any point and another one continues from the
 * cursor.
 */
@Injectable()
export class CampaignSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: TickLoop;
  private readonly replica = randomUUID();
  /** Makes each visit's lease holder unique, so a late release never frees a later visit's lease. */
  private visits = 0;
  private readonly settings: FleetConfig['live_query'];

  constructor(
    private readonly store: CampaignStore,
    private readonly campaigns: CampaignRepository,
    private readonly metrics: LiveQueryMetrics,
    @Inject(FLEET_CONFIG) config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.settings = config.live_query;
    this.loop = new TickLoop(this.settings.tick_interval, () => this.tick());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass over the active set; errors are logged per campaign and the next tick retries. */
  async tick(): Promise<void> {
    let ids: number[];
    try {
      ids = await this.store.activeIds();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'live query: cannot read active campaigns');
      return;
    }
    await Promise.all(ids.map((id) => this.visit(id).catch((err: unknown) => {
      this.logger.warn({ campaign_id: id, err: (err as Error).message }, 'live query: campaign visit failed');
    })));
  }

  private async visit(id: number): Promise<void> {
    const holder = `${this.replica}:${++this.visits}`;
    if (!(await this.store.acquireLease(id, holder, this.settings.lease))) return;
    try {
      const meta = await this.store.meta(id);
      if (!meta || meta.ended) {
        // Keys expired without an end (no live-query replica for a day) or ended elsewhere: tidy up.
        await this.store.forget(id);
        if (!meta) await this.campaigns.finish(id, 'timed_out', { responded: 0, failed: 0, rows: 0 });
        return;
      }
      if (await this.store.markSeen(id)) this.metrics.started.inc();
      let progress = await this.count(id, meta);
      const now = this.clock.now().getTime();
      const reason = endReason(meta, progress, now, this.settings.campaign_timeout);
      if (reason && (await this.store.end(id, reason, this.settings.result_retention / 1000))) {
        // Answers appended between the count and the end (none can come after it) are counted and kept too.
        const last = await this.store.meta(id);
        if (last) progress = await this.count(id, last);
        await this.campaigns.finish(id, reason, progress);
        this.metrics.finished.inc({ status: reason });
        if (progress.lastAtMs !== null) this.metrics.lastAnswer.observe(Math.max(0, progress.lastAtMs - meta.createdAtMs) / 1000);
      }
    } finally {
      await this.store.releaseLease(id, holder);
    }
  }

  /**
   * Reads entries after the stored cursor, saves the counters and appends a status entry if they moved. A
   * waiting campaign's answers are also written to MySQL (campaign_results) before the cursor moves past
   * them, so they outlive the stream: at least once, and the table keeps one answer per host.
   */
  private async count(id: number, meta: CampaignMeta): Promise<CampaignProgress> {
    const before = progressOf(meta);
    let progress = before;
    let cursor = meta.cursor;
    for (;;) {
      const page = await this.store.entriesAfter(id, cursor, PAGE);
      if (meta.waitUntilMs !== null) {
        const answers = page.entries.flatMap((e) => (e.event.type === 'result' ? [e.event] : []));
        await this.campaigns.saveResults(id, answers.map((a) => ({ hostId: a.host_id, hostname: a.hostname, at: a.at, error: a.error, rows: a.rows })));
      }
      progress = addEntries(progress, page.entries);
      cursor = page.lastId;
      if (page.entries.length < PAGE) break;
    }
    if (progress.responded === before.responded) {
      if (cursor !== meta.cursor) await this.store.saveCursor(id, cursor);
      return progress;
    }
    if (before.firstAtMs === null && progress.firstAtMs !== null) this.metrics.firstAnswer.observe(Math.max(0, progress.firstAtMs - meta.createdAtMs) / 1000);
    this.metrics.answers.inc(progress.responded - before.responded);
    this.metrics.rows.inc(progress.rows - before.rows);
    const expected = expectedAnswers(meta);
    const status: StatusEvent = { type: 'status', expected_results: expected, actual_results: progress.responded, status: progress.responded >= expected ? 'finished' : 'pending' };
    await this.store.saveProgress(id, cursor, progress, status);
    return progress;
  }
}
