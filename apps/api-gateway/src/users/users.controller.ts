import type { Caller } from '@fleet/auth';
import { accountRoutes, userRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toSessionDto } from '../sessions/session.mapper';
import { SessionService } from '../sessions/session.service';
import { EmailChangeService } from './email-change.service';
import { toUserDto } from './user.mapper';
import { UserService } from './user.service';

/** Users (fleet-admin-api.md §1.2); routes declared in libs/contracts users.routes.ts. */
@AdminApi()
export class UsersController {
  constructor(private readonly service: UserService, private readonly sessions: SessionService, private readonly emailChanges: EmailChangeService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const page = await this.service.list(caller, query, query.team_id);
    return { users: page.items.map(toUserDto) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    const created = await this.service.create(caller, body);
    return { user: toUserDto(created.user), ...(created.token !== undefined ? { token: created.token } : {}) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { user: toUserDto(await this.service.get(caller, params.id)) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    return { user: toUserDto(await this.service.modify(caller, params.id, body)) };
  }

  @Endpoint(r.delete)
  async delete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.delete>) {
    await this.service.delete(caller, params.id);
    return {};
  }

  @Endpoint(r.requirePasswordReset)
  async requirePasswordReset(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.requirePasswordReset>) {
    return { user: toUserDto(await this.service.requirePasswordReset(caller, params.id, body.require)) };
  }

  @Endpoint(r.sessions)
  async sessionsOf(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.sessions>) {
    return { sessions: (await this.sessions.listUserSessions(caller, params.id)).map(toSessionDto) };
  }

  @Endpoint(accountRoutes.confirmEmailChange)
  async confirmEmailChange(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof accountRoutes.confirmEmailChange>) {
    return { new_email: await this.emailChanges.confirm(caller, params.token) };
  }

  @Endpoint(r.deleteSessions)
  async deleteSessions(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deleteSessions>) {
    await this.sessions.deleteUserSessions(caller, params.id);
    return {};
  }
}
