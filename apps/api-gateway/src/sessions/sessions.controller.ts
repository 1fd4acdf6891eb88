import { Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Caller } from '@fleet/auth';
import { MFA_EMAIL_SENT_MESSAGE, sessionRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toUserDto } from '../users/user.mapper';
import { toSessionDto } from './session.mapper';
import { SessionService } from './session.service';
import type { SignedIn } from './session.service';
import { SetupService } from './setup.service';

const loginAnswer = (s: SignedIn) => ({ user: toUserDto(s.user), available_teams: s.availableTeams, token: s.token });

/** Fleet's authentication routes (fleet-admin-api.md §1.1) and first-run setup; declared in users.routes.ts. */
@AdminApi()
export class SessionsController {
  constructor(private readonly service: SessionService, private readonly setupService: SetupService) {}

  /** 200 with the session, or Fleet's 202 with a message when the user's login finishes through a mailed link. */
  @Endpoint(r.login)
  async login(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.login>, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.service.login(caller, body.email, body.password, body.supports_email_verification === true);
    if ('mfaLinkSent' in outcome) {
      void reply.status(202);
      // The declaration describes the 200 answer (its description the 202 one), so clients keep their session type.
      return { message: MFA_EMAIL_SENT_MESSAGE } as unknown as ReturnType<typeof loginAnswer>;
    }
    return loginAnswer(outcome);
  }

  @Endpoint(r.logout)
  async logout(@CurrentCaller() caller: Caller) {
    await this.service.logout(caller);
    return {};
  }

  @Endpoint(r.me)
  async me(@CurrentCaller() caller: Caller) {
    const me = await this.service.me(caller);
    return { user: toUserDto(me.user), available_teams: me.availableTeams };
  }

  @Endpoint(r.changePassword)
  async changePassword(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.changePassword>) {
    await this.service.changePassword(caller, body.old_password, body.new_password);
    return {};
  }

  @Endpoint(r.performRequiredPasswordReset)
  async performRequiredReset(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.performRequiredPasswordReset>) {
    return { user: toUserDto(await this.service.performRequiredReset(caller, body.new_password)) };
  }

  @Endpoint(r.get)
  async getSession(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return toSessionDto(await this.service.getSession(caller, params.id));
  }

  @Endpoint(r.delete)
  async deleteSession(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.delete>) {
    await this.service.deleteSession(caller, params.id);
    return {};
  }

  @Endpoint(r.setup)
  async setup(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.setup>) {
    const done = await this.setupService.setup(caller, body);
    return { admin: toUserDto(done.user), org_info: done.orgInfo, server_url: done.serverUrl, osquery_enroll_secret: null, token: done.token };
  }

  @Endpoint(r.setupLegacy)
  setupLegacy(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.setupLegacy>) {
    return this.setup(caller, input);
  }
}
