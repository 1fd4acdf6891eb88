import { Inject, Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, invalid, newUrlToken, PasswordHasher, passwordProblem, tokenHash } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { ACCOUNT_TOKEN_VALIDITY_MS } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import { AccountTokenRepository, SessionRepository, UserRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { AccountMailer } from '../mail/account-mailer';
import { passwordResetMail } from '../mail/mail.templates';

const authFailed = () => new AdminError(AdminErrorCode.UNAUTHENTICATED, 'Authentication failed');

/**
 * Password recovery without a session (Fleet's forgot_password / reset_password): a mailed single-use link,
 * valid 24 hours, whose token is stored only as a hash. Using it sets the password under Fleet's rules, voids
 * the user's other reset links and ends every session of the user.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly mailer: AccountMailer,
    private readonly activities: ActivityRecorder,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The answer is the same whether or not the address belongs to an account, and for SSO and API-only
   * accounts (which get no mail): only whether mail is set up at all shows (500 "email not configured", as Fleet).
   */
  async forgot(caller: Caller, email: string): Promise<void> {
    caller.skip();
    if (!(await this.mailer.canSend())) throw new AdminError(AdminErrorCode.INTERNAL, 'email not configured');
    const user = await this.users.findByEmail(email);
    if (!user || user.ssoEnabled || user.apiOnly) return;
    const token = newUrlToken(this.config.app.token_key_size);
    const now = this.clock.now();
    const id = await this.tokens.create('password_reset', user.id, tokenHash(token), new Date(now.getTime() + ACCOUNT_TOKEN_VALIDITY_MS.password_reset));
    await this.mailer.queue('password_reset', `password-reset-${id}`, { to: [user.email], ...passwordResetMail(await this.mailer.context(), token) });
    await this.activities.recordFor(null, 'requested_password_reset', { user_id: user.id, user_email: user.email, public_ip: caller.ip });
  }

  /** 401 for an unknown, used or expired token; 422 for a password that breaks the rules (the token then still works). */
  async reset(caller: Caller, token: string, newPassword: string, confirmation: string | undefined): Promise<void> {
    caller.skip();
    const problem = passwordProblem(newPassword);
    if (problem) throw invalid('new_password', problem);
    if (confirmation !== undefined && confirmation !== newPassword) throw invalid('new_password_confirmation', 'passwords do not match');
    const request = await this.tokens.findValid('password_reset', tokenHash(token), this.clock.now());
    if (!request) throw authFailed();
    const user = await this.users.findById(request.userId);
    if (!user || user.ssoEnabled) throw authFailed();
    if (await this.hasher.verify(newPassword, user.passwordHash)) throw invalid('new_password', 'Cannot reuse old password');
    const passwordHash = await this.hasher.hash(newPassword);
    if (!(await this.tokens.consume(request.id))) throw authFailed();
    await this.users.update(user.id, { passwordHash, forcePasswordReset: false });
    await this.tokens.deleteForUser(user.id, 'password_reset');
    await this.sessions.deleteByUser(user.id);
    await this.activities.recordFor({ id: user.id, name: user.name, email: user.email }, 'reset_password', { user_id: user.id, user_email: user.email, public_ip: caller.ip });
  }
}
