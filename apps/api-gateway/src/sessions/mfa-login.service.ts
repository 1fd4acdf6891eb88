import { Inject, Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, tokenHash } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock } from '@fleet/domain';
import { AccountTokenRepository, UserRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { SessionService } from './session.service';
import type { SignedIn } from './session.service';

const authFailed = () => new AdminError(AdminErrorCode.UNAUTHENTICATED, 'Authentication failed');

/**
 * `POST /sessions`: the second step of Fleet's email two-factor login. The token of the mailed link opens one
 * session, once, within 15 minutes of the password step; anything else is 401 and opens nothing.
 */
@Injectable()
export class MfaLoginService {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly activities: ActivityRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async complete(caller: Caller, token: string): Promise<SignedIn> {
    caller.skip();
    const link = await this.tokens.findValid('mfa', tokenHash(token), this.clock.now());
    if (!link) throw authFailed();
    const user = await this.users.findById(link.userId);
    if (!user || !(await this.tokens.consume(link.id))) throw authFailed();
    const signedIn = await this.sessions.startSession(user);
    await this.activities.recordFor({ id: user.id, name: user.name, email: user.email }, 'user_logged_in', { public_ip: caller.ip });
    return signedIn;
  }
}
