import type { Caller } from '@fleet/auth';
import { teamRoutes as r } from '@fleet/contracts';
import type { User } from '@fleet/domain';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toUserDto } from '../users/user.mapper';
import { toSecretDto, toTeamDto } from './team.mapper';
import { TeamService } from './team.service';
import type { TeamView } from './team.service';

const dto = (v: TeamView) => toTeamDto(v.team, v.secrets);

/** Teams (fleet-admin-api.md §1.9) and enroll secrets (§1.10); routes declared in libs/contracts teams.routes.ts. */
@AdminApi()
export class TeamsController {
  constructor(private readonly service: TeamService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    return { teams: (await this.service.list(caller, query)).items.map(dto) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    return { team: dto(await this.service.create(caller, body.name, body.description ?? '', (body.secrets ?? []).map((s) => s.secret))) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { team: dto(await this.service.get(caller, params.id)) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    const { name, description, ...settings } = body;
    return { team: dto(await this.service.modify(caller, params.id, { name, description, settings })) };
  }

  @Endpoint(r.delete)
  async delete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.delete>) {
    await this.service.delete(caller, params.id);
    return {};
  }

  @Endpoint(r.agentOptions)
  async agentOptions(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.agentOptions>) {
    return { team: dto(await this.service.setAgentOptions(caller, params.id, body)) };
  }

  @Endpoint(r.users)
  async users(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.users>) {
    return { users: (await this.service.members(caller, params.id, query)).items.map(toUserDto) };
  }

  @Endpoint(r.addUsers)
  async addUsers(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.addUsers>) {
    return this.withMembers(await this.service.setMembers(caller, params.id, body.users.map((u) => ({ id: u.id, role: u.role ?? 'observer' }))));
  }

  @Endpoint(r.removeUsers)
  async removeUsers(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.removeUsers>) {
    return this.withMembers(await this.service.setMembers(caller, params.id, body.users.map((u) => ({ id: u.id, role: null }))));
  }

  /** The team with its members and their role on it (Fleet's answer to a change of members). */
  private withMembers(view: TeamView & { members: readonly User[] }) {
    return { team: { ...dto(view), users: view.members.map((u) => ({ ...toUserDto(u), role: u.teams.find((t) => t.teamId === view.team.id)?.role ?? '' })) } };
  }

  @Endpoint(r.secrets)
  async secrets(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.secrets>) {
    return { secrets: (await this.service.secrets(caller, params.id)).map(toSecretDto) };
  }

  @Endpoint(r.replaceSecrets)
  async replaceSecrets(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.replaceSecrets>) {
    const secrets = await this.service.replaceSecrets(caller, params.id, body.secrets.map((s) => s.secret));
    return { secrets: secrets.length ? secrets.map(toSecretDto) : null };
  }

  @Endpoint(r.globalSecrets)
  async globalSecrets(@CurrentCaller() caller: Caller) {
    return { spec: { secrets: (await this.service.secrets(caller, null)).map(toSecretDto) } };
  }

  /** Replaces the whole global set; `dry_run` validates and authorizes without writing. */
  @Endpoint(r.replaceGlobalSecrets)
  async replaceGlobalSecrets(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.replaceGlobalSecrets>) {
    if (body.dry_run) await this.service.secrets(caller, null);
    else await this.service.replaceSecrets(caller, null, body.spec.secrets.map((s) => s.secret));
    return {};
  }
}
