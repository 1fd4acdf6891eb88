import type { Caller } from '@fleet/auth';
import { accountRoutes, inviteRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toUserDto } from '../users/user.mapper';
import { InviteAcceptService } from './invite-accept.service';
import { toInviteDto } from './invite.mapper';
import { InviteService } from './invite.service';

/** Invites and the account an invitee creates (fleet-admin-api.md §1.2); routes declared in accounts.routes.ts. */
@AdminApi()
export class InvitesController {
  constructor(private readonly service: InviteService, private readonly acceptance: InviteAcceptService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    return { invites: (await this.service.list(caller, query)).items.map(toInviteDto) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    return { invite: toInviteDto(await this.service.create(caller, body)) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    return { invite: toInviteDto(await this.service.modify(caller, params.id, body)) };
  }

  @Endpoint(r.delete)
  async delete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.delete>) {
    await this.service.delete(caller, params.id);
    return {};
  }

  @Endpoint(r.verify)
  async verify(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.verify>) {
    return { invite: toInviteDto(await this.service.verify(caller, params.token)) };
  }

  @Endpoint(accountRoutes.createUserFromInvite)
  async createUser(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof accountRoutes.createUserFromInvite>) {
    return { user: toUserDto(await this.acceptance.accept(caller, body)) };
  }
}
