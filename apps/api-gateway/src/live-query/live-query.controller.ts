import { Body, Delete, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId } from '../http/edge-parse';
import { CampaignService } from './campaign.service';
import { toCampaignDto } from './campaign-message.mapper';
import { hostQuerySchema, runByIdentifiersSchema, runCampaignSchema, syncRunSchema } from './live-query.schema';
import { SyncRunService } from './sync-run.service';

const QUERY_REQUIRED = 'one of query or query_id must be specified';
const hasQuery = (v: { query?: string | null; query_id?: number | null }): boolean => Boolean(v.query?.trim()) || Boolean(v.query_id);

/** Live queries (fleet-admin-api.md §1.6): campaigns, stopping them, and the synchronous runs. */
@AdminController()
export class LiveQueryController {
  constructor(private readonly campaigns: CampaignService, private readonly sync: SyncRunService) {}

  @Post('queries/run')
  @HttpCode(200)
  async run(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(runCampaignSchema.refine(hasQuery, { message: QUERY_REQUIRED, path: ['query'] }), body);
    const { campaign, targets } = await this.campaigns.create(caller, req);
    return { campaign: toCampaignDto(campaign, targets) };
  }

  @Post('queries/run_by_identifiers')
  @HttpCode(200)
  async runByIdentifiers(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.byIdentifiers(caller, body);
  }

  /** The older name fleetctl still uses. */
  @Post('queries/run_by_names')
  @HttpCode(200)
  async runByNames(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.byIdentifiers(caller, body);
  }

  @Delete('queries/run/:id')
  async stop(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.campaigns.stop(caller, parseId(id));
    return {};
  }

  @Post('queries/:id/run')
  @HttpCode(200)
  async runSaved(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const req = parseBody(syncRunSchema, body);
    return this.sync.runSaved(caller, parseId(id), req.host_ids);
  }

  @Post('hosts/:id/query')
  @HttpCode(200)
  async runOnHost(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const req = parseBody(hostQuerySchema, body);
    return this.sync.runOnHost(caller, parseId(id), req.query);
  }

  private async byIdentifiers(caller: Caller, body: unknown) {
    const req = parseBody(runByIdentifiersSchema.refine(hasQuery, { message: QUERY_REQUIRED, path: ['query'] }), body);
    const { campaign, targets } = await this.campaigns.createByIdentifiers(caller, req);
    return { campaign: toCampaignDto(campaign, targets) };
  }
}
