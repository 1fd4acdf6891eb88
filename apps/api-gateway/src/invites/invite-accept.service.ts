import { Injectable } from '@nestjs/common';
import { alreadyExists, invalid, newSessionToken, notFound, PasswordHasher, passwordProblem } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { CreateUserFromInviteRequest } from '@fleet/contracts';
import { roleDisplayName } from '@fleet/domain';
import type { ActivityActor, User } from '@fleet/domain';
import { InviteRepository, UserRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';
import { InviteService } from './invite.service';

/**
 * `POST /users` (Fleet's "Create a user account with an invitation"): public; the emailed token is the
 * authority. The account gets the invite's roles and SSO/MFA flags, and the invite is deleted in the same
 * step that claims it, so a token creates one account even when submitted twice at once.
 */
@Injectable()
export class InviteAcceptService {
  constructor(
    private readonly invites: InviteService,
    private readonly inviteRepo: InviteRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly activities: ActivityRecorder,
  ) {}

  async accept(caller: Caller, req: CreateUserFromInviteRequest): Promise<User> {
    caller.skip();
    const invite = await this.invites.valid(req.invite_token);
    if (req.email !== invite.email.toLowerCase()) throw invalid('email', 'email does not match the invite');
    let password: string;
    if (invite.ssoEnabled) {
      // SSO accounts sign in through the identity provider only: their password is random and never told.
      password = newSessionToken(32);
    } else {
      password = req.password ?? '';
      const problem = passwordProblem(password);
      if (problem) throw invalid('password', problem);
      if (req.password_confirmation !== undefined && req.password_confirmation !== password) throw invalid('password_confirmation', 'passwords do not match');
    }
    if (await this.users.findByEmail(invite.email)) throw alreadyExists(`User with email=${invite.email} already exists`);
    const passwordHash = await this.hasher.hash(password);
    if (!(await this.inviteRepo.delete(invite.id))) throw notFound(`Invite with token ${req.invite_token} was not found in the datastore`);
    const id = await this.users.create({
      name: req.name, email: invite.email, passwordHash, globalRole: invite.globalRole, teams: invite.teams.map((t) => ({ teamId: t.teamId, role: t.role })),
      apiOnly: false, forcePasswordReset: false, ssoEnabled: invite.ssoEnabled, mfaEnabled: invite.mfaEnabled,
    });
    if (req.position) await this.users.update(id, { position: req.position });
    const user = await this.users.findById(id);
    if (!user) throw notFound(`User with id=${id} was not found in the datastore`);
    await this.recordCreated(invite.invitedBy, user);
    return user;
  }

  /** The inviter is the actor (they chose the roles), or none once deleted; the same entries as an admin's user creation. */
  private async recordCreated(invitedBy: number | null, user: User): Promise<void> {
    const inviter = invitedBy === null ? null : await this.users.findById(invitedBy);
    const actor: ActivityActor | null = inviter ? { id: inviter.id, name: inviter.name, email: inviter.email } : null;
    const base = { user_id: user.id, user_name: user.name, user_email: user.email };
    await this.activities.recordFor(actor, 'created_user', { ...base, via_invite: true });
    if (user.globalRole) await this.activities.recordFor(actor, 'changed_user_global_role', { ...base, role: roleDisplayName(user.globalRole) });
    for (const t of user.teams) {
      await this.activities.recordFor(actor, 'changed_user_team_role', { ...base, role: roleDisplayName(t.role), team_id: t.teamId, team_name: t.teamName });
    }
  }
}
