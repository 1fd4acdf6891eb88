import { Inject, Injectable } from '@nestjs/common';
import { asAdminError, AdminErrorCode, badRequest, forbidden, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG, parseDuration } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { HostQueryDto, RunQueriesSyncDto, SavedRunDto } from '@fleet/contracts';
import type { Clock, ResolvedTargets, TeamScope } from '@fleet/domain';
import { CampaignResultsFeed } from '@fleet/messaging';
import type { ResultEvent } from '@fleet/messaging';
import { HostRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { HOST_NOT_FOUND } from '../hosts/host.service';
import { CampaignService } from './campaign.service';

type RunResult = RunQueriesSyncDto['live_query_results'][number];

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
    private readonly hosts: HostRepository,
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

  /**
   * Fleet's older `GET /queries/run`: each saved query as its own campaign on the hosts, all at once. A query
   * that cannot run (unknown, not allowed, no host in reach) carries its error instead of results; when none
   * may run because of permission, the whole call is 403, as in Fleet.
   */
  async runMany(caller: Caller, queryIds: readonly number[], hostIds: readonly number[]): Promise<RunQueriesSyncDto> {
    const queries = [...new Set(queryIds)];
    const hosts = [...new Set(hostIds)];
    if (queries.length === 0 || hosts.length === 0) {
      caller.skip();
      throw badRequest('query_ids and host_ids are required');
    }
    const responded = new Set<number>();
    const results = await Promise.all(queries.map(async (queryId): Promise<RunResult & { forbidden?: boolean }> => {
      try {
        const run = await this.runSaved(caller, queryId, hosts);
        for (const r of run.results) responded.add(r.host_id);
        return { query_id: queryId, results: run.results };
      } catch (e) {
        const known = asAdminError(e);
        if (!known) throw e;
        return { query_id: queryId, error: known.message, results: null, forbidden: known.code === AdminErrorCode.FORBIDDEN };
      }
    }));
    if (results.every((r) => r.forbidden)) throw forbidden();
    return {
      summary: { targeted_host_count: hosts.length, responded_host_count: responded.size },
      live_query_results: results.map(({ forbidden: _omit, ...r }) => r),
    };
  }

  async runOnHost(caller: Caller, hostId: number, sql: string): Promise<HostQueryDto> {
    const { scope } = await this.campaigns.authorizeQuery(caller, null);
    const host = (await this.campaigns.resolveHosts(scope, [hostId]))[0];
    if (!host) throw notFound(`Host with id=${hostId} was not found in the datastore`);
    return this.runOnResolvedHost(caller, scope, host, sql);
  }

  /**
   * `POST /hosts/identifier/:identifier/query`: as `runOnHost`. An identifier that names no host is 400
   * `host not found: X`, as in Fleet; for a team user, one that names no host of their teams is 404 like every
   * host outside their teams, so they cannot tell whether a host of another team has that name.
   */
  async runOnHostByIdentifier(caller: Caller, identifier: string, sql: string): Promise<HostQueryDto> {
    const { scope } = await this.campaigns.authorizeQuery(caller, null);
    const found = await this.hosts.findByIdentifier(scope, identifier);
    const host = found ? (await this.campaigns.resolveHosts(scope, [found.id]))[0] : undefined;
    if (!host) throw scope.kind === 'all' ? badRequest(`host not found: ${identifier}`) : notFound(HOST_NOT_FOUND);
    return this.runOnResolvedHost(caller, scope, host, sql);
  }

  private async runOnResolvedHost(caller: Caller, scope: TeamScope, host: ResolvedTargets['hosts'][number], sql: string): Promise<HostQueryDto> {
    const hostId = host.id;
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
