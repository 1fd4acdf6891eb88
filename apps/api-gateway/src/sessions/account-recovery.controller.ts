import type { Caller } from '@fleet/auth';
import { accountRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toUserDto } from '../users/user.mapper';
import { MfaLoginService } from './mfa-login.service';
import { PasswordResetService } from './password-reset.service';

/** Signing in without a session: password recovery and the email two-factor login's second step; declared in accounts.routes.ts. */
@AdminApi()
export class AccountRecoveryController {
  constructor(private readonly resets: PasswordResetService, private readonly mfa: MfaLoginService) {}

  @Endpoint(r.forgotPassword)
  async forgotPassword(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.forgotPassword>) {
    await this.resets.forgot(caller, body.email);
    return {};
  }

  @Endpoint(r.resetPassword)
  async resetPassword(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.resetPassword>) {
    await this.resets.reset(caller, body.password_reset_token, body.new_password, body.new_password_confirmation);
    return {};
  }

  @Endpoint(r.mfaSession)
  async mfaSession(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.mfaSession>) {
    const signedIn = await this.mfa.complete(caller, body.token);
    return { user: toUserDto(signedIn.user), available_teams: signedIn.availableTeams, token: signedIn.token };
  }
}
