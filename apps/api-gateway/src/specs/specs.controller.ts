import type { Caller } from '@fleet/auth';
import { specRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { LabelSpecService } from './label-spec.service';
import { QuerySpecService } from './query-spec.service';
import { toLabelSpec, toQuerySpec } from './spec.mapper';
import { TeamSpecService } from './team-spec.service';

/**
 * The `/spec/*` endpoints of `fleetctl apply/get` (fleet-admin-api.md §1.12); routes declared in libs/contracts
 * specs.routes.ts. Enroll secrets live beside teams, pack specs beside packs.
 */
@AdminApi()
export class SpecsController {
  constructor(private readonly queries: QuerySpecService, private readonly labels: LabelSpecService, private readonly teams: TeamSpecService) {}

  @Endpoint(r.queries)
  async getQueries(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.queries>) {
    const rows = await this.queries.getQueries(caller, query.team_id ?? null);
    return { specs: rows.map((v) => toQuerySpec(v.query, v.team)) };
  }

  /** A single object under the plural key, as Fleet answers. */
  @Endpoint(r.query)
  async getQuery(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.query>) {
    const v = await this.queries.getQuery(caller, query.team_id ?? null, params.name);
    return { specs: toQuerySpec(v.query, v.team) };
  }

  @Endpoint(r.applyQueries)
  async applyQueries(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.applyQueries>) {
    await this.queries.applyQueries(caller, body.specs);
    return {};
  }

  @Endpoint(r.labels)
  async getLabels(@CurrentCaller() caller: Caller) {
    return { specs: (await this.labels.list(caller)).map((v) => toLabelSpec(v.label, v.hosts)) };
  }

  @Endpoint(r.label)
  async getLabel(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.label>) {
    const v = await this.labels.get(caller, params.name);
    return { specs: toLabelSpec(v.label, v.hosts) };
  }

  @Endpoint(r.applyLabels)
  async applyLabels(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.applyLabels>) {
    await this.labels.apply(caller, body.specs);
    return {};
  }

  @Endpoint(r.applyPolicies)
  async applyPolicies(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.applyPolicies>) {
    await this.queries.applyPolicies(caller, body.specs);
    return {};
  }

  /** `dry_run=true` (or `1`) validates and authorizes without writing; `force` is accepted and ignored. */
  @Endpoint(r.applyTeams)
  async applyTeams(@CurrentCaller() caller: Caller, @In() { query, body }: RouteInput<typeof r.applyTeams>) {
    return { team_ids_by_name: await this.teams.apply(caller, body.specs, query.dry_run === 'true' || query.dry_run === '1') };
  }
}
