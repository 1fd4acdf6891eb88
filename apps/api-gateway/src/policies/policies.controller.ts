import type { Caller } from '@fleet/auth';
import { policyRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { PolicyFields } from '@fleet/domain';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toPolicyDto } from './policy.mapper';
import { PolicyService } from './policy.service';

/** Fleet's JSON names → the policy's fields; absent keys stay absent so PATCH changes only what was sent. */
function fields(b: RouteInput<typeof r.modify>['body']): Partial<PolicyFields> {
  const out: Partial<Record<keyof PolicyFields, unknown>> = {
    name: b.name, query: b.query, description: b.description, resolution: b.resolution, platform: b.platform, critical: b.critical,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/**
 * Global policies under `/global/policies` and team policies under `/teams/{id}/policies` (fleet-admin-api.md
 * §1.8); routes declared in libs/contracts policies.routes.ts. The same service methods serve both, with
 * `null` meaning global. `/policies` (Fleet's name from 2022-04) serves the `/global/policies` handlers.
 */
@AdminApi()
export class PoliciesController {
  constructor(private readonly service: PolicyService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const page = await this.service.list(caller, null, query);
    const now = this.service.now();
    return { policies: page.items.map((p) => toPolicyDto(p, now)) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    return { policy: toPolicyDto(await this.service.create(caller, null, { ...fields(body), name: body.name, query: body.query }), this.service.now()) };
  }

  @Endpoint(r.delete)
  async delete(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.delete>) {
    return { deleted: await this.service.deleteMany(caller, null, body.ids) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { policy: toPolicyDto(await this.service.get(caller, null, params.id), this.service.now()) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    return { policy: toPolicyDto(await this.service.modify(caller, null, params.id, fields(body)), this.service.now()) };
  }

  @Endpoint(r.aliasList)
  aliasList(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.aliasList>) {
    return this.list(caller, input);
  }

  @Endpoint(r.aliasCreate)
  aliasCreate(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.aliasCreate>) {
    return this.create(caller, input);
  }

  @Endpoint(r.aliasDelete)
  aliasDelete(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.aliasDelete>) {
    return this.delete(caller, input);
  }

  @Endpoint(r.aliasGet)
  aliasGet(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.aliasGet>) {
    return this.get(caller, input);
  }

  @Endpoint(r.aliasModify)
  aliasModify(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.aliasModify>) {
    return this.modify(caller, input);
  }

  @Endpoint(r.count)
  async count(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.count>) {
    return { count: await this.service.countGlobal(caller, query) };
  }

  @Endpoint(r.countTeam)
  async countTeam(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.countTeam>) {
    const { merge_inherited, ...opts } = query;
    return { count: await this.service.countTeam(caller, params.id, opts, merge_inherited === 'true' || merge_inherited === '1') };
  }

  /** Fleet's `/team/` alias of the route above. */
  @Endpoint(r.countTeamAlias)
  async countTeamAlias(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.countTeamAlias>) {
    const { merge_inherited, ...opts } = query;
    return { count: await this.service.countTeam(caller, params.id, opts, merge_inherited === 'true' || merge_inherited === '1') };
  }

  @Endpoint(r.listTeam)
  async listTeam(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.listTeam>) {
    const { own, inherited } = await this.service.listTeam(caller, params.id, query);
    const now = this.service.now();
    return { policies: own.items.map((p) => toPolicyDto(p, now)), inherited_policies: inherited.items.map((p) => toPolicyDto(p, now)) };
  }

  @Endpoint(r.createTeam)
  async createTeam(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.createTeam>) {
    return { policy: toPolicyDto(await this.service.create(caller, params.id, { ...fields(body), name: body.name, query: body.query }), this.service.now()) };
  }

  @Endpoint(r.deleteTeam)
  async deleteTeam(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.deleteTeam>) {
    return { deleted: await this.service.deleteMany(caller, params.id, body.ids) };
  }

  @Endpoint(r.getTeam)
  async getTeam(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.getTeam>) {
    return { policy: toPolicyDto(await this.service.get(caller, params.id, params.policy_id), this.service.now()) };
  }

  @Endpoint(r.modifyTeam)
  async modifyTeam(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modifyTeam>) {
    return { policy: toPolicyDto(await this.service.modify(caller, params.id, params.policy_id, fields(body)), this.service.now()) };
  }
}
