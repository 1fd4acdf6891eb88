import { Inject, Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, alreadyExists, authorize, invalid, newUrlToken, notFound, tokenHash } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { CreateInviteRequest, ModifyInviteRequest } from '@fleet/contracts';
import { inviteExpired } from '@fleet/domain';
import type { Clock, Invite, InvitePatch, ListOptions, Page, RoleName } from '@fleet/domain';
import { InviteRepository, TeamRepository, UserRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { AccountMailer } from '../mail/account-mailer';
import { inviteMail } from '../mail/mail.templates';
import { SSO_MFA_CONFLICT } from '../users/account.messages';

const API_ONLY_ROLE = () => new AdminError(AdminErrorCode.FLEET_RULE, 'role GitOps can only be set for API only users', [], { fleetCode: 4 });

/**
 * Invites (fleet-admin-api.md §1.2): global admins invite by email with a global role or team roles; the
 * invitee gets a mail with a single-use link whose token is stored only as a hash, and creates the account
 * with `POST /users` (InviteAcceptService) while the invite is valid (app.invite_token_validity_period).
 */
@Injectable()
export class InviteService {
  constructor(
    private readonly invites: InviteRepository,
    private readonly users: UserRepository,
    private readonly teams: TeamRepository,
    private readonly mailer: AccountMailer,
    private readonly activities: ActivityRecorder,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(caller: Caller, opts: ListOptions): Promise<Page<Invite>> {
    authorize(caller, 'user:write', { teamId: null });
    return this.invites.list(opts);
  }

  /** Creates the invite and queues its mail; the invite is withdrawn again when the mail cannot be queued. */
  async create(caller: Caller, req: CreateInviteRequest): Promise<Invite> {
    authorize(caller, 'user:write', { teamId: null });
    const email = req.email;
    if (await this.users.findByEmail(email)) throw invalid('email', 'a user with this account already exists');
    if (await this.invites.findByEmail(email)) throw alreadyExists(`Invite with email=${email} already exists`);
    const ssoEnabled = req.sso_enabled ?? false;
    const mfaEnabled = req.mfa_enabled ?? false;
    if (ssoEnabled && mfaEnabled) throw new AdminError(AdminErrorCode.CONFLICT, SSO_MFA_CONFLICT);
    const roles = await this.roles(req.global_role, req.teams);
    const token = newUrlToken(this.config.app.token_key_size);
    const id = await this.invites.create({
      invitedBy: caller.signedIn.id, email, name: req.name, position: req.position ?? '', ssoEnabled, mfaEnabled, ...roles, tokenHash: tokenHash(token),
    });
    const invite = await this.mustFind(id);
    try {
      const ctx = await this.mailer.context();
      await this.mailer.queue('invite', `invite-${id}`, {
        to: [email], ...inviteMail(ctx, { token, name: invite.name, email, invitedBy: caller.signedIn.name || caller.signedIn.email, sso: ssoEnabled }),
      });
    } catch (err) {
      await this.invites.delete(id);
      throw err;
    }
    await this.activities.record(caller, 'created_invite', { invite_id: id, invite_email: email, invite_name: invite.name });
    return invite;
  }

  /** Changes a pending invite; a new email does not resend it (Fleet's behaviour). */
  async modify(caller: Caller, id: number, req: ModifyInviteRequest): Promise<Invite> {
    authorize(caller, 'user:write', { teamId: null });
    const invite = await this.mustFind(id);
    const patch: { -readonly [K in keyof InvitePatch]: InvitePatch[K] } = { name: req.name, position: req.position, ssoEnabled: req.sso_enabled, mfaEnabled: req.mfa_enabled };
    if (req.email !== undefined && req.email !== invite.email) {
      if (await this.users.findByEmail(req.email)) throw alreadyExists(`User with email=${req.email} already exists`);
      if (await this.invites.findByEmail(req.email)) throw alreadyExists(`Invite with email=${req.email} already exists`);
      patch.email = req.email;
    }
    if ((req.sso_enabled ?? invite.ssoEnabled) && (req.mfa_enabled ?? invite.mfaEnabled)) throw new AdminError(AdminErrorCode.CONFLICT, SSO_MFA_CONFLICT);
    if (req.global_role !== undefined || req.teams !== undefined) Object.assign(patch, await this.roles(req.global_role, req.teams));
    await this.invites.update(id, patch);
    const updated = await this.mustFind(id);
    await this.activities.record(caller, 'edited_invite', { invite_id: id, invite_email: updated.email, invite_name: updated.name });
    return updated;
  }

  async delete(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'user:write', { teamId: null });
    const invite = await this.mustFind(id);
    await this.invites.delete(id);
    await this.activities.record(caller, 'deleted_invite', { invite_id: id, invite_email: invite.email, invite_name: invite.name });
  }

  /** GET /invites/{token}: public; the invite an unexpired, unused token belongs to. */
  async verify(caller: Caller, token: string): Promise<Invite> {
    caller.skip();
    return this.valid(token);
  }

  /** The invite of a token: 404 when unknown or used, 422 `invite_token` once expired (Fleet's answers). */
  async valid(token: string): Promise<Invite> {
    const invite = await this.invites.findByTokenHash(tokenHash(token));
    if (!invite) throw notFound(`Invite with token ${token} was not found in the datastore`);
    if (inviteExpired(invite, this.clock.now(), this.config.app.invite_token_validity_period)) throw invalid('invite_token', 'Invite token has expired.');
    return invite;
  }

  /** A global role or team roles, exactly one of the two; teams must exist; `gitops` is for API-only users, whom invites never create. */
  private async roles(globalRole: RoleName | null | undefined, teams: ReadonlyArray<{ id: number; role: RoleName }> | undefined) {
    const hasTeams = teams !== undefined && teams.length > 0;
    if (globalRole && hasTeams) throw invalid('global_role', 'Users may not have global_role and teams.');
    if (!globalRole && !hasTeams) throw invalid('global_role', 'either global_role or teams must be given');
    if (globalRole === 'gitops' || (teams ?? []).some((t) => t.role === 'gitops')) throw API_ONLY_ROLE();
    for (const t of teams ?? []) if (!(await this.teams.findById(t.id))) throw invalid('teams', `team with id=${t.id} does not exist`);
    return { globalRole: hasTeams ? null : (globalRole ?? null), teams: (teams ?? []).map((t) => ({ teamId: t.id, role: t.role })) };
  }

  private async mustFind(id: number): Promise<Invite> {
    const invite = await this.invites.findById(id);
    if (!invite) throw notFound(`Invite with id=${id} was not found in the datastore`);
    return invite;
  }
}
