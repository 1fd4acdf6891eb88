import { Inject, Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, alreadyExists, authorize, authorizeSelfOr, badRequest, invalid, isAllowed, newSessionToken, notFound, PasswordHasher, passwordProblem, tokenHash } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { CreateUserRequest, ModifyUserRequest } from '@fleet/contracts';
import type { Clock, ListOptions, Page, RoleName, UserPatch, User } from '@fleet/domain';
import { SessionRepository, TeamRepository, UserRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';
import { CLOCK } from '@fleet/platform';
import { roleDisplayName } from '@fleet/domain';
import { SSO_MFA_CONFLICT } from './account.messages';
import { AccountMailer } from '../mail/account-mailer';
import { EmailChangeService } from './email-change.service';

/** Fleet's numbered errors (server/fleet/errors.go). */
const LAST_ADMIN = () => new AdminError(AdminErrorCode.FLEET_RULE, 'at least one global admin is required', [], { fleetCode: 2 });
const API_ONLY_ROLE = () => new AdminError(AdminErrorCode.FLEET_RULE, 'role GitOps can only be set for API only users', [], { fleetCode: 4 });
/** Fleet's ValidateRole (server/fleet/users.go): a new user needs a global role or a team role (ErrNoRoleNeeded, 1). */
const NO_ROLE = () => new AdminError(AdminErrorCode.FLEET_RULE, 'either global role or team role needs to be defined', [], { fleetCode: 1 });
/** Fleet's answers for the email two-factor flag (server/service/users.go). */
const MAILER_REQUIRED_FOR_MFA = () => badRequest('Email must be set up to enable Fleet MFA');
const SSO_MFA = () => new AdminError(AdminErrorCode.CONFLICT, SSO_MFA_CONFLICT);

/** User administration (fleet-admin-api.md §1.2); global admins manage everyone, users manage themselves. */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly teams: TeamRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly activities: ActivityRecorder,
    private readonly mailer: AccountMailer,
    private readonly emailChanges: EmailChangeService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(caller: Caller, opts: ListOptions, teamId?: number): Promise<Page<User>> {
    authorize(caller, 'user:read', teamId === undefined ? { teamId: null } : { teamId });
    return this.users.list(opts, teamId);
  }

  async get(caller: Caller, id: number): Promise<User> {
    authorizeSelfOr(caller, id, 'user:read');
    return this.mustFind(id);
  }

  /** Creates a user; API-only users also get their long-lived token (returned once, stored hashed). */
  async create(caller: Caller, req: CreateUserRequest): Promise<{ user: User; token?: string }> {
    authorize(caller, 'user:write', { teamId: null });
    const apiOnly = req.api_only ?? false;
    const { globalRole, teams } = await this.roles(req.global_role, req.teams, apiOnly, true);
    if (!req.sso_enabled || req.password !== undefined) {
      const problem = passwordProblem(req.password ?? '');
      if (problem) throw invalid('password', problem);
    }
    if (await this.users.findByEmail(req.email)) throw alreadyExists(`User with email=${req.email} already exists`);
    await this.checkMfa(req.mfa_enabled ?? false, req.sso_enabled ?? false, false);
    const id = await this.users.create({
      name: req.name, email: req.email, passwordHash: await this.hasher.hash(req.password ?? newSessionToken(32)), globalRole, teams, apiOnly,
      forcePasswordReset: apiOnly ? false : (req.admin_forced_password_reset ?? true), ssoEnabled: req.sso_enabled ?? false, mfaEnabled: req.mfa_enabled ?? false,
    });
    const user = await this.mustFind(id);
    let token: string | undefined;
    if (apiOnly) {
      token = newSessionToken(this.config.session.key_size);
      await this.sessions.create(id, tokenHash(token), this.clock.now());
    }
    await this.activities.record(caller, 'created_user', { user_id: id, user_name: user.name, user_email: user.email });
    await this.recordRoles(caller, user);
    return token === undefined ? { user } : { user, token };
  }

  async modify(caller: Caller, id: number, req: ModifyUserRequest): Promise<User> {
    const changesRole = req.global_role !== undefined || req.teams !== undefined || req.api_only !== undefined;
    if (changesRole) authorize(caller, 'user:write', { teamId: null });
    else authorizeSelfOr(caller, id, 'user:write');
    const user = await this.mustFind(id);
    const self = caller.signedIn.id === id;
    const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = { name: req.name, position: req.position, ssoEnabled: req.sso_enabled, mfaEnabled: req.mfa_enabled };
    if ((req.email !== undefined && req.email !== user.email) || req.new_password !== undefined) {
      if (self && !(await this.hasher.verify(req.password ?? '', user.passwordHash))) throw invalid('password', 'incorrect password');
      if (req.email !== undefined && req.email !== user.email) {
        await this.emailChanges.assertFree(req.email);
        // As Fleet, a new address takes effect once confirmed from a mail sent to it; without mail, at once.
        if (await this.emailChanges.confirmationNeeded()) await this.emailChanges.request(user, req.email);
        else patch.email = req.email;
      }
      if (req.new_password !== undefined) {
        const problem = passwordProblem(req.new_password);
        if (problem) throw invalid('new_password', problem);
        patch.passwordHash = await this.hasher.hash(req.new_password);
      }
    }
    if (req.mfa_enabled !== undefined || req.sso_enabled !== undefined) {
      await this.checkMfa(req.mfa_enabled ?? user.mfaEnabled, req.sso_enabled ?? user.ssoEnabled, user.mfaEnabled);
    }
    if (changesRole) {
      const apiOnly = req.api_only ?? user.apiOnly;
      const given = req.global_role !== undefined || req.teams !== undefined;
      const r = given ? await this.roles(req.global_role, req.teams, apiOnly, false) : { globalRole: user.globalRole, teams: user.teams.map((t) => ({ teamId: t.teamId, role: t.role })) };
      if (user.globalRole === 'admin' && r.globalRole !== 'admin' && (await this.users.countGlobalRole('admin')) <= 1) throw LAST_ADMIN();
      Object.assign(patch, { globalRole: r.globalRole, teams: r.teams, apiOnly });
    }
    await this.users.update(id, patch);
    const updated = await this.mustFind(id);
    await this.activities.record(caller, 'edited_user', { user_id: id, user_name: updated.name, user_email: updated.email });
    if (changesRole) await this.recordRoles(caller, updated);
    return updated;
  }

  async delete(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'user:write', { teamId: null });
    const user = await this.mustFind(id);
    if (user.globalRole === 'admin' && (await this.users.countGlobalRole('admin')) <= 1) throw LAST_ADMIN();
    await this.users.delete(id);
    await this.activities.record(caller, 'deleted_user', { user_id: id, user_name: user.name, user_email: user.email });
  }

  /** Flags (or unflags) a forced reset; flagging also ends the user's sessions, as Fleet does. */
  async requirePasswordReset(caller: Caller, id: number, require: boolean): Promise<User> {
    authorize(caller, 'user:write', { teamId: null });
    await this.mustFind(id);
    await this.users.update(id, { forcePasswordReset: require });
    if (require) await this.sessions.deleteByUser(id);
    const user = await this.mustFind(id);
    await this.activities.record(caller, 'edited_user', { user_id: id, user_name: user.name, user_email: user.email, force_password_reset: require });
    return user;
  }

  /** Two-factor by email needs mail that works, and SSO users sign in at their identity provider instead (Fleet's rules). */
  private async checkMfa(mfa: boolean, sso: boolean, alreadyOn: boolean): Promise<void> {
    if (!mfa) return;
    if (sso) throw SSO_MFA();
    if (!alreadyOn && !(await this.mailer.canSend())) throw MAILER_REQUIRED_FOR_MFA();
  }

  /** Whether the caller may see other users at all (used to filter team member lists). */
  mayReadUsers(caller: Caller): boolean {
    return isAllowed(caller, 'user:read', { teamId: null });
  }

  private async roles(globalRole: RoleName | null | undefined, teams: ReadonlyArray<{ id: number; role: RoleName }> | undefined, apiOnly: boolean, creating: boolean) {
    if (globalRole && teams && teams.length > 0) throw invalid('global_role', 'Users may not have global_role and teams.');
    if (creating && !globalRole && !(teams && teams.length > 0)) throw NO_ROLE();
    const role = globalRole ?? null;
    const all = [role, ...(teams ?? []).map((t) => t.role)];
    if (all.includes('gitops') && !apiOnly) throw API_ONLY_ROLE();
    for (const t of teams ?? []) if (!(await this.teams.findById(t.id))) throw invalid('teams', `team with id=${t.id} does not exist`);
    return { globalRole: role, teams: (teams ?? []).map((t) => ({ teamId: t.id, role: t.role })) };
  }

  private async recordRoles(caller: Caller, user: User): Promise<void> {
    const base = { user_id: user.id, user_name: user.name, user_email: user.email };
    if (user.globalRole) await this.activities.record(caller, 'changed_user_global_role', { ...base, role: roleDisplayName(user.globalRole) });
    for (const t of user.teams) {
      await this.activities.record(caller, 'changed_user_team_role', { ...base, role: roleDisplayName(t.role), team_id: t.teamId, team_name: t.teamName });
    }
  }

  private async mustFind(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound(`User with id=${id} was not found in the datastore`);
    return user;
  }
}
