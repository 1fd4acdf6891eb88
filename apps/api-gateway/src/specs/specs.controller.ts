import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import {
  applyLabelSpecsRequestSchema, applyPolicySpecsRequestSchema, applyQuerySpecsRequestSchema, applyTeamSpecsRequestSchema, optionalIntParam,
} from '@fleet/contracts';
import type { LabelRecord, QueryRecord } from '@fleet/persistence';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseQuery } from '../http/edge-parse';
import { LabelSpecService } from './label-spec.service';
import { QuerySpecService } from './query-spec.service';
import { TeamSpecService } from './team-spec.service';

const teamQuery = z.object({ team_id: optionalIntParam }).passthrough();
const applyQuery = z.object({ dry_run: z.string().optional(), force: z.string().optional() }).passthrough();

const querySpec = (q: QueryRecord, team: string) => ({
  name: q.name, description: q.description, query: q.query, team, interval: q.interval, observer_can_run: q.observerCanRun,
  platform: q.platform, min_osquery_version: q.minOsqueryVersion, automations_enabled: q.automationsEnabled, logging: q.logging, discard_data: q.discardData,
});
const labelSpec = (l: LabelRecord, hosts: string[] | null) => ({
  id: l.id, name: l.name, description: l.description, query: l.query, platform: l.platform, label_type: l.builtin ? 'builtin' : 'regular',
  label_membership_type: l.manual ? 'manual' : 'dynamic', ...(hosts ? { hosts } : {}),
});

/** The `/spec/*` endpoints of `fleetctl apply/get` (fleet-admin-api.md §1.12); enroll secrets live beside teams. */
@AdminController('spec')
export class SpecsController {
  constructor(private readonly queries: QuerySpecService, private readonly labels: LabelSpecService, private readonly teams: TeamSpecService) {}

  @Get('queries')
  async getQueries(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const rows = await this.queries.getQueries(caller, parseQuery(teamQuery, query).team_id ?? null);
    return { specs: rows.map((r) => querySpec(r.query, r.team)) };
  }

  /** A single object under the plural key, as Fleet answers. */
  @Get('queries/:name')
  async getQuery(@CurrentCaller() caller: Caller, @Param('name') name: string, @Query() query: unknown) {
    const r = await this.queries.getQuery(caller, parseQuery(teamQuery, query).team_id ?? null, name);
    return { specs: querySpec(r.query, r.team) };
  }

  @Post('queries')
  @HttpCode(200)
  async applyQueries(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    await this.queries.applyQueries(caller, parseBody(applyQuerySpecsRequestSchema, body).specs);
    return {};
  }

  @Get('labels')
  async getLabels(@CurrentCaller() caller: Caller) {
    return { specs: (await this.labels.list(caller)).map((v) => labelSpec(v.label, v.hosts)) };
  }

  @Get('labels/:name')
  async getLabel(@CurrentCaller() caller: Caller, @Param('name') name: string) {
    const v = await this.labels.get(caller, name);
    return { specs: labelSpec(v.label, v.hosts) };
  }

  @Post('labels')
  @HttpCode(200)
  async applyLabels(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    await this.labels.apply(caller, parseBody(applyLabelSpecsRequestSchema, body).specs);
    return {};
  }

  @Post('policies')
  @HttpCode(200)
  async applyPolicies(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    await this.queries.applyPolicies(caller, parseBody(applyPolicySpecsRequestSchema, body).specs);
    return {};
  }

  @Post('teams')
  @HttpCode(200)
  async applyTeams(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: unknown) {
    const q = parseQuery(applyQuery, query);
    const ids = await this.teams.apply(caller, parseBody(applyTeamSpecsRequestSchema, body).specs, q.dry_run === 'true' || q.dry_run === '1');
    return { team_ids_by_name: ids };
  }
}
