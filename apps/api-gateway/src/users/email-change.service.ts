import { Inject, Injectable } from '@nestjs/common';
import { alreadyExists, authorizeSelfOr, newUrlToken, notFound, tokenHash } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { ACCOUNT_TOKEN_VALIDITY_MS } from '@fleet/domain';
import type { Clock, User } from '@fleet/domain';
import { AccountTokenRepository, InviteRepository, UserRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { AccountMailer } from '../mail/account-mailer';
import { emailChangeMail } from '../mail/mail.templates';

/**
 * Email changes confirmed by the new address (Fleet's pending email change): the change is mailed as a
 * single-use link to /email/change/<token>, and only `GET /email/change/{token}` by the same user applies it.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly users: UserRepository,
    private readonly invites: InviteRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly mailer: AccountMailer,
    private readonly activities: ActivityRecorder,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Whether changes go through confirmation: only when mail can be sent (otherwise PATCH applies them at once). */
  confirmationNeeded(): Promise<boolean> {
    return this.mailer.canSend();
  }

  /** Records the pending change and mails its link to the new address; the current address stays until confirmed. */
  async request(user: User, newEmail: string): Promise<void> {
    await this.assertFree(newEmail);
    await this.tokens.deleteForUser(user.id, 'email_change');
    const token = newUrlToken(this.config.app.token_key_size);
    const id = await this.tokens.create('email_change', user.id, tokenHash(token), new Date(this.clock.now().getTime() + ACCOUNT_TOKEN_VALIDITY_MS.email_change), newEmail);
    await this.mailer.queue('email_change', `email-change-${id}`, { to: [newEmail], ...emailChangeMail(await this.mailer.context(), token) });
  }

  /** Applies the caller's own pending change; 404 for a token that is unknown, used, expired or another user's. */
  async confirm(caller: Caller, token: string): Promise<string> {
    const userId = caller.signedIn.id;
    authorizeSelfOr(caller, userId, 'user:write');
    const pending = await this.tokens.findValid('email_change', tokenHash(token), this.clock.now());
    const missing = () => notFound(`Email change with token ${token} was not found in the datastore`);
    if (!pending || pending.userId !== userId || pending.newEmail === null) throw missing();
    await this.assertFree(pending.newEmail);
    if (!(await this.tokens.consume(pending.id))) throw missing();
    await this.users.update(userId, { email: pending.newEmail });
    await this.activities.record(caller, 'edited_user', { user_id: userId, user_name: caller.signedIn.name, user_email: pending.newEmail });
    return pending.newEmail;
  }

  /** Fleet refuses an address that belongs to a user or to a pending invite (409). */
  async assertFree(email: string): Promise<void> {
    if (await this.users.findByEmail(email)) throw alreadyExists(`User with email=${email} already exists`);
    if (await this.invites.findByEmail(email)) throw alreadyExists(`Invite with email=${email} already exists`);
  }
}
