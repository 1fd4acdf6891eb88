import type { Clock, User } from '@fleet/domain';
import type { SessionRepository, UserRepository } from '@fleet/persistence';
import { AdminError, AdminErrorCode } from './admin-error';
import type { AuthUser } from './caller';
import { Caller } from './caller';
import { isRoleName } from '@fleet/domain';
import { tokenHash } from './session-token';

/** Sessions are touched at most this often, so a busy script does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export function toAuthUser(u: User): AuthUser {
  return {
    id: u.id, name: u.name, email: u.email, apiOnly: u.apiOnly, forcePasswordReset: u.forcePasswordReset,
    globalRole: isRoleName(u.globalRole) ? u.globalRole : null,
    teams: u.teams.flatMap((t) => (isRoleName(t.role) ? [{ teamId: t.teamId, role: t.role }] : [])),
  };
}

/**
 * Bearer token → caller. Session tokens expire `sessionDurationMs` after their last use; API-only users'
 * tokens do not expire (Fleet's long-lived API tokens). Failures are 401 with Fleet's messages.
 */
export class Authenticator {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly sessionDurationMs: number,
  ) {}

  async authenticate(authorization: string | undefined, ip: string): Promise<Caller> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!authorization) throw new AdminError(AdminErrorCode.AUTH_HEADER_REQUIRED, 'Authorization header required');
    if (!token) throw failed();
    const session = await this.sessions.findByTokenHash(tokenHash(token));
    if (!session) throw failed();
    const user = await this.users.findById(session.userId);
    if (!user) throw failed();
    const now = this.clock.now();
    const idle = now.getTime() - session.accessedAt.getTime();
    if (!user.apiOnly && idle > this.sessionDurationMs) {
      await this.sessions.delete(session.id);
      throw failed();
    }
    if (idle > TOUCH_EVERY_MS) await this.sessions.touch(session.id, now);
    return new Caller(toAuthUser(user), session.id, ip);
  }
}

function failed(): AdminError {
  return new AdminError(AdminErrorCode.UNAUTHENTICATED, 'Authentication failed');
}
