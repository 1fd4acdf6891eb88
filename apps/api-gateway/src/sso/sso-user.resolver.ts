import { Injectable } from '@nestjs/common';
import { newSessionToken, PasswordHasher } from '@fleet/auth';
import type { SsoSettings } from '@fleet/contracts';
import { jitRoles, roleDisplayName, ssoFullName } from '@fleet/domain';
import type { ActivityActor, JitRoles, RoleName, User } from '@fleet/domain';
import { TeamRepository, UserRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';
import type { VerifiedAssertion } from './saml-service-provider';

/** A valid assertion whose user may not sign in; `status` is the login page's `?status=`. */
export class SsoLoginRefused extends Error {
  override readonly name = 'SsoLoginRefused';
  constructor(readonly status: 'account_disabled' | 'account_invalid' | 'error', reason: string) {
    super(reason);
  }
}

/**
 * The Fleet user a verified assertion signs in (its NameID is the email). With enable_jit_provisioning an
 * unknown user is created — name from the name attributes, roles from FLEET_JIT_USER_ROLE_GLOBAL /
 * FLEET_JIT_USER_ROLE_TEAM_<id> (a global observer without them) — and a known one gets the roles the
 * assertion names. Only SSO users sign in this way; API-only users never.
 */
@Injectable()
export class SsoUserResolver {
  constructor(
    private readonly users: UserRepository,
    private readonly teams: TeamRepository,
    private readonly hasher: PasswordHasher,
    private readonly activities: ActivityRecorder,
  ) {}

  async resolve(settings: SsoSettings, assertion: VerifiedAssertion): Promise<User> {
    const email = assertion.nameId;
    const roles = settings.enable_jit_provisioning ? jitRoles(assertion.attributes) : ({ kind: 'none' } as const);
    if (roles.kind === 'invalid') throw new SsoLoginRefused('error', roles.reason);
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      if (!settings.enable_jit_provisioning) throw new SsoLoginRefused('account_invalid', `User with email=${email} was not found in the datastore`);
      return this.provision(email, ssoFullName(assertion.attributes, email), roles);
    }
    if (existing.apiOnly || !existing.ssoEnabled) throw new SsoLoginRefused('account_disabled', 'user not configured to use sso');
    if (roles.kind === 'none') return existing;
    return this.syncRoles(existing, roles);
  }

  private async provision(email: string, name: string, roles: Exclude<JitRoles, { kind: 'invalid' }>): Promise<User> {
    const { globalRole, teams } = await this.target(roles);
    const id = await this.users.create({
      name, email, passwordHash: await this.hasher.hash(newSessionToken(32)), globalRole, teams, apiOnly: false, forcePasswordReset: false, ssoEnabled: true, mfaEnabled: false,
    });
    const user = await this.mustFind(id);
    const actor: ActivityActor = { id: user.id, name: user.name, email: user.email };
    await this.activities.recordFor(actor, 'user_added_by_sso', {});
    await this.recordRoles(actor, user);
    return user;
  }

  /** The assertion's roles replace the user's, and are recorded as role changes when they differ. */
  private async syncRoles(user: User, roles: Exclude<JitRoles, { kind: 'invalid' | 'none' }>): Promise<User> {
    const { globalRole, teams } = await this.target(roles);
    const same = user.globalRole === globalRole && user.teams.length === teams.length
      && teams.every((t) => user.teams.some((u) => u.teamId === t.teamId && u.role === t.role));
    if (same) return user;
    if (user.globalRole === 'admin' && globalRole !== 'admin' && (await this.users.countGlobalRole('admin')) <= 1) {
      throw new SsoLoginRefused('error', 'the assertion would remove the last global admin');
    }
    await this.users.update(user.id, { globalRole, teams });
    const updated = await this.mustFind(user.id);
    await this.recordRoles({ id: updated.id, name: updated.name, email: updated.email }, updated);
    return updated;
  }

  private async target(roles: Exclude<JitRoles, { kind: 'invalid' }>): Promise<{ globalRole: RoleName | null; teams: Array<{ teamId: number; role: RoleName }> }> {
    switch (roles.kind) {
      case 'none': return { globalRole: 'observer', teams: [] };
      case 'global': return { globalRole: roles.role, teams: [] };
      case 'teams':
        for (const t of roles.teams) if (!(await this.teams.findById(t.teamId))) throw new SsoLoginRefused('error', `team with id=${t.teamId} does not exist`);
        return { globalRole: null, teams: roles.teams.map((t) => ({ teamId: t.teamId, role: t.role })) };
    }
  }

  private async recordRoles(actor: ActivityActor, user: User): Promise<void> {
    const base = { user_id: user.id, user_name: user.name, user_email: user.email };
    if (user.globalRole) await this.activities.recordFor(actor, 'changed_user_global_role', { ...base, role: roleDisplayName(user.globalRole) });
    for (const t of user.teams) {
      await this.activities.recordFor(actor, 'changed_user_team_role', { ...base, role: roleDisplayName(t.role), team_id: t.teamId, team_name: t.teamName });
    }
  }

  private async mustFind(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new SsoLoginRefused('error', `User with id=${id} was not found in the datastore`);
    return user;
  }
}
