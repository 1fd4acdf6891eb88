import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG, parseDuration } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { HostQueryDto, SavedRunDto } from '@fleet/contracts';
import type { Clock } from '@fleet/domain';
import { CampaignResultsFeed } from '@fleet/messaging';
import type { ResultEvent } from '@fleet/messaging';
import { CLOCK } from '@fleet/platform';
import { CampaignService } from './campaign.service';

/** Fleet's default for FLEET_LIVE_QUERY_REST_PERIOD in current releases. */
const DEFAULT_REST_PERIOD_MS = 25_000;

/**
 * The synchronous REST variants (osquery-protocol.md §6.6): a normal campaign whose answers are collected
 * from its stream until every online target answered or the rest period passed, then the campaign is ended.
 * Offline targets are not waited for (Fleet's newer releases stop early once every host answered; a host
 * that is offline now is not expected to answer within the period).
 */
@Injectable()
export class SyncRunService {
  private readonly restPeriodMs: number;

  constructor(
    private readonly campaigns: CampaignService,
    private readonly feed: CampaignResultsFeed,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FLEET_CONFIG) config: FleetConfig,
  ) {
    this.restPeriodMs = parseDuration(config.env.liveQueryRestPeriod) || DEFAULT_REST_PERIOD_MS;
  }

  async runSaved(caller: Caller, queryId: number, hostIds: readonly number[]): Promise<SavedRunDto> {
    const launched = await this.campaigns.create(caller, { query_id: queryId, query: null, selected: { hostIds: [...hostIds], labelIds: [], teamIds: [] } });
    const online = launched.targets.hosts.filter((h) => h.status === 'online').map((h) => h.id);
    const answers = await this.collect(launched.campaign.id, online);
    return {
      query_id: queryId, targeted_host_count: launched.targets.hosts.length, responded_host_count: answers.size,
      results: [...answers.values()].map((a) => ({ host_id: a.host_id, rows: a.rows, error: a.error })),
    };
  }

  async runOnHost(caller: Caller, hostId: number, sql: string): Promise<HostQueryDto> {
    const { scope } = await this.campaigns.authorizeQuery(caller, null);
    const host = (await this.campaigns.resolveHosts(scope, [hostId]))[0];
    if (!host) throw notFound(`Host with id=${hostId} was not found in the datastore`);
    if (host.status !== 'online') {
      await this.campaigns.recordOfflineRun(caller, sql);
      return { host_id: hostId, query: sql, status: 'offline', error: 'host is offline', rows: [] };
    }
    const launched = await this.campaigns.launch(caller, null, sql, scope, { hostIds: [hostId], labelIds: [], teamIds: [] });
    const answer = (await this.collect(launched.campaign.id, [hostId])).get(hostId);
    if (!answer) return { host_id: hostId, query: sql, status: 'online', error: 'timeout waiting for results', rows: [] };
    return { host_id: hostId, query: sql, status: 'online', error: answer.error, rows: answer.rows };
  }

  /** First answer of each host, until all `expected` hosts answered or the rest period passed; then ends the campaign. */
  private async collect(campaignId: number, expected: readonly number[]): Promise<Map<number, ResultEvent>> {
    const answers = new Map<number, ResultEvent>();
    const deadline = this.clock.now().getTime() + this.restPeriodMs;
    const waiting = new Set(expected);
    try {
      if (waiting.size > 0) {
        await this.feed.follow(campaignId, {
          afterId: '0-0',
          blockMs: 250,
          isClosed: () => waiting.size === 0 || this.clock.now().getTime() >= deadline,
          onEntry: ({ event }) => {
            if (event.type !== 'result' || answers.has(event.host_id)) return;
            answers.set(event.host_id, event);
            waiting.delete(event.host_id);
          },
        });
      }
    } finally {
      await this.campaigns.end(campaignId, 'completed');
    }
    return answers;
  }
}
