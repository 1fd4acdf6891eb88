import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { badRequest, forbidden, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { RunByIdentifiersRequest, RunCampaignRequest } from '@fleet/contracts';
import { parseAge } from '@fleet/domain';
import type { Campaign, CampaignAnswer, Clock, ResolvedTargets, RunnableQuery, TargetSelection, TeamScope } from '@fleet/domain';
import { CampaignStore } from '@fleet/messaging';
import { CampaignRepository, LiveQueryTargetRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { authorizeRun } from './live-query-authz';
import { LiveQueryStatusService } from './live-query-status.service';

export const NO_HOSTS_TARGETED = 'No hosts targeted. Make sure you provide a valid hostname, UUID, osquery host ID, or node key.';

/** Bounds of a waiting campaign's `wait`. */
const MIN_WAIT_MS = 60_000;
const MAX_WAIT_MS = 30 * 86_400_000;
const MAX_PENDING_LISTED = 10_000;

/** How a campaign runs beyond Fleet's defaults (POST /queries/run's `wait` and `log_results`). */
export interface CampaignOptions {
  readonly waitMs?: number;
  readonly logResults?: boolean;
}

/** Where a campaign stands (GET /queries/run/:id). */
export interface CampaignProgressView {
  readonly campaign: Campaign;
  readonly responded: number;
  readonly failed: number;
  readonly pendingHostIds: readonly number[];
  readonly pendingCount: number;
}

export interface LaunchedCampaign {
  readonly campaign: Campaign;
  readonly targets: ResolvedTargets;
}

/**
 * Creating and stopping campaigns (osquery-protocol.md §6.1). The gateway launches a campaign itself through
 * the shared CampaignStore (SQL, target bitmap, totals, active set) so that creation needs no round trip to
 * the live-query role; that role then counts answers and ends the campaign.
 */
@Injectable()
export class CampaignService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly targets: LiveQueryTargetRepository,
    private readonly store: CampaignStore,
    private readonly activities: ActivityRecorder,
    private readonly status: LiveQueryStatusService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  /**
   * The saved query (or null for ad-hoc SQL) with the caller's scope for it; 404 for an unknown id, 403
   * "disabled by administrator" while `server_settings.live_query_disabled` is on. Every way of starting a
   * live query (campaigns, synchronous runs) passes through here.
   */
  async authorizeQuery(caller: Caller, queryId: number | null | undefined): Promise<{ saved: RunnableQuery | null; scope: TeamScope }> {
    if (!queryId) {
      const scope = authorizeRun(caller, null);
      await this.status.assertEnabled();
      return { saved: null, scope };
    }
    const saved = await this.campaigns.findRunnableQuery(queryId);
    if (!saved) {
      authorizeRun(caller, null);
      throw notFound(`Query with id=${queryId} was not found in the datastore`);
    }
    const scope = authorizeRun(caller, saved);
    await this.status.assertEnabled();
    return { saved, scope };
  }

  async create(caller: Caller, req: RunCampaignRequest): Promise<LaunchedCampaign> {
    const { saved, scope } = await this.authorizeQuery(caller, req.query_id);
    await this.assertSelectionInScope(scope, req.selected);
    return this.launch(caller, saved, saved?.query ?? req.query ?? '', scope, req.selected, { waitMs: waitOf(req.wait), logResults: req.log_results });
  }

  async createByIdentifiers(caller: Caller, req: RunByIdentifiersRequest): Promise<LaunchedCampaign> {
    const { saved, scope } = await this.authorizeQuery(caller, req.query_id);
    const labels = await this.targets.labelIdsByNames(req.selected.labels);
    const unknown = req.selected.labels.filter((n) => !labels.has(n));
    if (unknown.length > 0) throw badRequest(`Invalid label name(s): ${unknown.join(', ')}.`);
    const hostIds = await this.targets.hostIdsByIdentifiers(req.selected.hosts);
    await this.assertSelectionInScope(scope, { hostIds, labelIds: [], teamIds: [] });
    return this.launch(caller, saved, saved?.query ?? req.query ?? '', scope, { hostIds, labelIds: [...labels.values()], teamIds: [] });
  }

  /** Resolves targets, writes the row and the Redis keys, records the `live_query` activity. */
  async launch(caller: Caller, saved: RunnableQuery | null, sql: string, scope: TeamScope, selection: TargetSelection, options: CampaignOptions = {}): Promise<LaunchedCampaign> {
    const now = this.clock.now();
    const targets = await this.targets.resolve(scope, selection, now);
    if (targets.hosts.length === 0) throw badRequest(NO_HOSTS_TARGETED);
    const user = caller.signedIn;
    const waitUntil = options.waitMs === undefined ? null : new Date(now.getTime() + options.waitMs);
    const campaign = await this.campaigns.create({
      queryId: saved?.id ?? null, query: sql, userId: user.id, targeted: targets.hosts.length, online: targets.online, offline: targets.offline, missing: targets.missing,
      waitUntil, logResults: options.logResults ?? false,
    });
    await this.store.launch({
      id: campaign.id, sql, hostIds: targets.hosts.map((h) => h.id), userId: user.id, createdAtMs: now.getTime(),
      totals: { count: targets.hosts.length, online: targets.online, offline: targets.offline, missing: targets.missing },
      ...(waitUntil ? { waitUntilMs: waitUntil.getTime() } : {}), ...(options.logResults ? { logResults: true, queryName: saved?.name ?? null } : {}),
    });
    await this.campaigns.markRunning(campaign.id);
    await this.activities.record(caller, 'live_query', { targets_count: targets.hosts.length, query_sql: sql, query_name: saved?.name ?? null });
    return { campaign, targets };
  }

  /** Hosts among `ids` inside the scope, with their status now. */
  async resolveHosts(scope: TeamScope, ids: readonly number[]): Promise<ResolvedTargets['hosts']> {
    return (await this.targets.resolve(scope, { hostIds: ids, labelIds: [], teamIds: [] }, this.clock.now())).hosts;
  }

  /** A run against an offline host starts no campaign but is still a live query the caller ran. */
  async recordOfflineRun(caller: Caller, sql: string): Promise<void> {
    await this.activities.record(caller, 'live_query', { targets_count: 1, query_sql: sql, query_name: null });
  }

  /** The caller's own campaign (Fleet: another user's campaign is forbidden, even to admins). */
  async ownCampaign(caller: Caller, id: number): Promise<Campaign> {
    const campaign = await this.campaigns.findById(id);
    const mine = campaign !== null && campaign.userId === caller.user?.id;
    caller.record(campaign === null ? caller.user !== null : mine);
    if (!campaign) throw notFound(`cannot find campaign for ID ${id}`);
    if (!mine) throw forbidden();
    return campaign;
  }

  /** Ends the caller's campaign now; stopping an ended campaign is a no-op. */
  async stop(caller: Caller, id: number): Promise<void> {
    await this.ownCampaign(caller, id);
    await this.end(id, 'stopped');
  }

  /** Ends a campaign (as 'stopped' or, after a synchronous run, 'completed') and writes its outcome. */
  async end(id: number, reason: 'stopped' | 'completed'): Promise<void> {
    if (!(await this.store.end(id, reason, this.config.live_query.result_retention / 1000))) return;
    const meta = await this.store.meta(id);
    await this.campaigns.finish(id, reason, { responded: meta?.responded ?? 0, failed: meta?.failed ?? 0, rows: meta?.rows ?? 0 });
  }

  /** The caller's campaign with its counters and, while it runs, the targets that have not answered yet. */
  async progress(caller: Caller, id: number): Promise<CampaignProgressView> {
    const campaign = await this.ownCampaign(caller, id);
    const [meta, pending] = await Promise.all([this.store.meta(id), this.store.pendingHostIds(id)]);
    return {
      campaign, responded: meta?.responded ?? campaign.responded, failed: meta?.failed ?? campaign.failed,
      pendingHostIds: pending.slice(0, MAX_PENDING_LISTED), pendingCount: pending.length,
    };
  }

  /** A page of the caller's waiting campaign's kept answers. */
  async results(caller: Caller, id: number, page: { page: number; perPage: number }): Promise<{ answers: CampaignAnswer[]; total: number }> {
    await this.ownCampaign(caller, id);
    return this.campaigns.results(id, { limit: page.perPage, offset: page.page * page.perPage });
  }

  /** Explicit hosts and teams must be the caller's; labels are global and are cut to the scope when resolved. */
  private async assertSelectionInScope(scope: TeamScope, sel: TargetSelection): Promise<void> {
    if (scope.kind === 'all') return;
    if (sel.teamIds.some((t) => !scope.teamIds.includes(t))) throw forbidden();
    const teams = await this.targets.teamsOfHosts(sel.hostIds);
    for (const teamId of teams.values()) if (teamId === null || !scope.teamIds.includes(teamId)) throw forbidden();
  }
}

/** A campaign's `wait` in ms (undefined: Fleet's campaign); 400 when unreadable or outside 1 minute to 30 days. */
function waitOf(wait: string | number | undefined): number | undefined {
  if (wait === undefined) return undefined;
  const ms = parseAge(wait);
  if (ms === undefined || ms < MIN_WAIT_MS || ms > MAX_WAIT_MS) throw badRequest(`wait must be a duration from 1m to 30d (such as 90m, 24h or 7d), got ${JSON.stringify(wait)}`);
  return ms;
}
