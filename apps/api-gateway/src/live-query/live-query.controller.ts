import type { Caller } from '@fleet/auth';
import { liveQueryRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { CampaignService } from './campaign.service';
import { toCampaignDto } from './campaign-message.mapper';
import { SyncRunService } from './sync-run.service';

/** Live queries (fleet-admin-api.md §1.6): campaigns, stopping them, and the synchronous runs; routes in live-query.routes.ts. */
@AdminApi()
export class LiveQueryController {
  constructor(private readonly campaigns: CampaignService, private readonly sync: SyncRunService) {}

  @Endpoint(r.run)
  async run(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.run>) {
    const { campaign, targets } = await this.campaigns.create(caller, body);
    return { campaign: toCampaignDto(campaign, targets) };
  }

  @Endpoint(r.runByIdentifiers)
  async runByIdentifiers(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.runByIdentifiers>) {
    const { campaign, targets } = await this.campaigns.createByIdentifiers(caller, body);
    return { campaign: toCampaignDto(campaign, targets) };
  }

  /** The older name fleetctl still uses. */
  @Endpoint(r.runByNames)
  async runByNames(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.runByNames>) {
    const { campaign, targets } = await this.campaigns.createByIdentifiers(caller, body);
    return { campaign: toCampaignDto(campaign, targets) };
  }

  @Endpoint(r.stop)
  async stop(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.stop>) {
    await this.campaigns.stop(caller, params.id);
    return {};
  }

  @Endpoint(r.status)
  async status(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.status>) {
    const p = await this.campaigns.progress(caller, params.id);
    const c = p.campaign;
    return {
      campaign_id: c.id, status: c.status, wait_until: c.waitUntil ? c.waitUntil.toISOString() : null, log_results: c.logResults,
      targeted: c.targeted, responded: p.responded, failed: p.failed, pending_host_ids: [...p.pendingHostIds], pending_count: p.pendingCount,
    };
  }

  @Endpoint(r.results)
  async results(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.results>) {
    const perPage = query.perPage > 0 ? query.perPage : 100;
    const { answers, total } = await this.campaigns.results(caller, params.id, { page: query.page, perPage });
    return {
      campaign_id: params.id, count: total,
      results: answers.map((a) => ({ host_id: a.hostId, hostname: a.hostname, answered_at: new Date(a.at).toISOString(), error: a.error, rows: [...a.rows] })),
      meta: { has_next_results: (query.page + 1) * perPage < total, has_previous_results: query.page > 0 },
    };
  }

  @Endpoint(r.runSaved)
  async runSaved(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.runSaved>) {
    return this.sync.runSaved(caller, params.id, body.host_ids);
  }

  @Endpoint(r.runOnHost)
  async runOnHost(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.runOnHost>) {
    return this.sync.runOnHost(caller, params.id, body.query);
  }

  @Endpoint(r.runOnHostByIdentifier)
  async runOnHostByIdentifier(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.runOnHostByIdentifier>) {
    return this.sync.runOnHostByIdentifier(caller, params.identifier, body.query);
  }

  /** Fleet's older synchronous route: a GET whose JSON body names the saved queries and hosts. */
  @Endpoint(r.runSync)
  async runSync(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.runSync>) {
    return this.sync.runMany(caller, body.query_ids, body.host_ids);
  }
}
