import { Inject, Injectable } from '@nestjs/common';
import {
  AdminError, AdminErrorCode, alreadyExists, authorize, authorizeSelfOr, badRequest, invalid, LoginRateLimiter, newSessionToken, newUrlToken, notFound,
  PasswordHasher, passwordProblem, tokenHash,
} from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { ACCOUNT_TOKEN_VALIDITY_MS } from '@fleet/domain';
import type { Clock, Session, User } from '@fleet/domain';
import { AccountTokenRepository, SessionRepository, TeamRepository, UserRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';
import { AccountMailer } from '../mail/account-mailer';
import { mfaMail } from '../mail/mail.templates';
import { CLOCK } from '@fleet/platform';
import { ALL_TEAMS, UNPAGED } from '@fleet/domain';

export interface SignedIn {
  readonly user: User;
  readonly token: string;
  readonly availableTeams: ReadonlyArray<{ id: number; name: string; description: string }>;
}

/** A password login of a user with `mfa_enabled`: no session yet, a one-time link was mailed (Fleet's 202). */
export interface MfaLinkSent {
  readonly mfaLinkSent: true;
}

/** Fleet's answer to a client that cannot finish an email two-factor login (fleetctl, scripts). */
export const MFA_NOT_SUPPORTED = 'Your login client does not support MFA. Please log in via the web, then use an API token to authenticate.';

/** A bcrypt hash of a random string, compared against when the email is unknown so timing does not tell. */
const DUMMY_HASH = '$2b$04$C6UzMDM.H6dfI/f/IKxGhuM8uQZyJ0Ag5iN7OlS6Yq3W0b5r1aXyK';

/** Login, logout, sessions and the signed-in user's own account. */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly teams: TeamRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly activities: ActivityRecorder,
    private readonly tokens: AccountTokenRepository,
    private readonly mailer: AccountMailer,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Public by contract; rate-limited per IP and per account; every failure is recorded as an activity. A user
   * with `mfa_enabled` gets no session here but a mailed one-time link (POST /sessions finishes the login), and
   * only from clients that say they can follow it (`supports_email_verification`).
   */
  async login(caller: Caller, email: string, password: string, supportsEmailVerification = false): Promise<SignedIn | MfaLinkSent> {
    caller.skip();
    await this.limiter.beforeAttempt(caller.ip, email);
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.ssoEnabled) {
      await this.limiter.recordFailure(email);
      await this.activities.record(null, 'user_failed_login', { email, public_ip: caller.ip });
      throw new AdminError(AdminErrorCode.UNAUTHENTICATED, 'Authentication failed');
    }
    if (user.mfaEnabled) return this.sendMfaLink(caller, user, supportsEmailVerification);
    const signedIn = await this.startSession(user);
    await this.activities.recordFor({ id: user.id, name: user.name, email: user.email }, 'user_logged_in', { public_ip: caller.ip });
    return signedIn;
  }

  /** The second factor: a link to /login/mfa/<token>, valid 15 minutes and once, mailed through the durable queue. */
  private async sendMfaLink(caller: Caller, user: User, supportsEmailVerification: boolean): Promise<MfaLinkSent> {
    if (!supportsEmailVerification) throw badRequest(MFA_NOT_SUPPORTED);
    if (!(await this.mailer.canSend())) {
      await this.activities.record(null, 'user_failed_login', { email: user.email, public_ip: caller.ip });
      throw new AdminError(AdminErrorCode.UNAUTHENTICATED, 'Authentication failed');
    }
    const token = newUrlToken(32);
    const validity = ACCOUNT_TOKEN_VALIDITY_MS.mfa;
    const id = await this.tokens.create('mfa', user.id, tokenHash(token), new Date(this.clock.now().getTime() + validity));
    const message = mfaMail(await this.mailer.context(), { name: user.name, token, ttlMinutes: Math.round(validity / 60_000) });
    await this.mailer.queue('mfa', `mfa-${id}`, { to: [user.email], ...message });
    return { mfaLinkSent: true };
  }

  async startSession(user: User): Promise<SignedIn> {
    const token = newSessionToken(this.config.session.key_size);
    await this.sessions.create(user.id, tokenHash(token), this.clock.now());
    return { user, token, availableTeams: await this.availableTeams(user) };
  }

  async logout(caller: Caller): Promise<void> {
    authorizeSelfOr(caller, caller.signedIn.id, 'session:admin');
    if (caller.sessionId !== null) await this.sessions.delete(caller.sessionId);
    await this.activities.record(caller, 'user_logged_out', { public_ip: caller.ip });
  }

  async me(caller: Caller): Promise<Omit<SignedIn, 'token'>> {
    authorizeSelfOr(caller, caller.signedIn.id, 'user:read');
    const user = await this.mustFindUser(caller.signedIn.id);
    return { user, availableTeams: await this.availableTeams(user) };
  }

  async changePassword(caller: Caller, oldPassword: string, newPassword: string): Promise<void> {
    authorizeSelfOr(caller, caller.signedIn.id, 'user:write');
    const user = await this.mustFindUser(caller.signedIn.id);
    if (!(await this.hasher.verify(oldPassword, user.passwordHash))) throw invalid('old_password', 'old password does not match');
    const problem = passwordProblem(newPassword);
    if (problem) throw invalid('new_password', problem);
    if (oldPassword === newPassword) throw invalid('new_password', 'cannot reuse old password');
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(newPassword), forcePasswordReset: false });
    await this.activities.record(caller, 'changed_password', { user_id: user.id, user_email: user.email });
  }

  /** For users flagged force_password_reset: set a new password without the old one. */
  async performRequiredReset(caller: Caller, newPassword: string): Promise<User> {
    authorizeSelfOr(caller, caller.signedIn.id, 'user:write');
    const user = await this.mustFindUser(caller.signedIn.id);
    if (!user.forcePasswordReset) throw new AdminError(AdminErrorCode.BAD_REQUEST, 'user does not require password reset');
    const problem = passwordProblem(newPassword);
    if (problem) throw invalid('new_password', problem);
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(newPassword), forcePasswordReset: false });
    await this.activities.record(caller, 'changed_password', { user_id: user.id, user_email: user.email });
    return this.mustFindUser(user.id);
  }

  async getSession(caller: Caller, id: number): Promise<Session> {
    const session = await this.sessions.findById(id);
    if (!session) {
      authorize(caller, 'session:admin', { teamId: null });
      throw notFound(`Session with id=${id} was not found in the datastore`);
    }
    authorizeSelfOr(caller, session.userId, 'session:admin');
    return session;
  }

  async deleteSession(caller: Caller, id: number): Promise<void> {
    const session = await this.getSession(caller, id);
    await this.sessions.delete(session.id);
    await this.activities.record(caller, 'deleted_session', { session_id: id, user_id: session.userId });
  }

  async listUserSessions(caller: Caller, userId: number): Promise<Session[]> {
    authorizeSelfOr(caller, userId, 'session:admin');
    await this.mustFindUser(userId);
    return this.sessions.listByUser(userId);
  }

  async deleteUserSessions(caller: Caller, userId: number): Promise<void> {
    authorizeSelfOr(caller, userId, 'session:admin');
    const user = await this.mustFindUser(userId);
    await this.sessions.deleteByUser(userId);
    await this.activities.record(caller, 'deleted_user_sessions', { user_id: user.id, user_email: user.email });
  }

  async availableTeams(user: User): Promise<Array<{ id: number; name: string; description: string }>> {
    if (user.globalRole) return (await this.teams.list(ALL_TEAMS, UNPAGED)).items.map((t) => ({ id: t.id, name: t.name, description: t.description }));
    return user.teams.map((t) => ({ id: t.teamId, name: t.teamName, description: t.teamDescription }));
  }

  private async mustFindUser(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(`User with id=${id} was not found in the datastore`);
    return user;
  }

  /** Exposed for the setup service: the same uniqueness rule as user creation. */
  async assertEmailFree(email: string): Promise<void> {
    if (await this.users.findByEmail(email)) throw alreadyExists(`User with email=${email} already exists`);
  }
}
