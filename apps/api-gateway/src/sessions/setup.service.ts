import { Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, invalid, PasswordHasher, passwordProblem } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { SetupRequest } from '@fleet/contracts';
import { LockStore } from '@fleet/messaging';
import { AppConfigRepository, UserRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';
import type { SignedIn } from './session.service';
import { SessionService } from './session.service';

const SETUP_LOCK = 'setup';

/**
 * First-run setup: creates the first global admin and the org info, only while no user exists. A Redis
 * lock makes two concurrent setups on different replicas produce one admin, not two.
 */
@Injectable()
export class SetupService {
  constructor(
    private readonly users: UserRepository,
    private readonly appConfig: AppConfigRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly activities: ActivityRecorder,
    private readonly locks: LockStore,
  ) {}

  async setup(caller: Caller, req: SetupRequest): Promise<SignedIn & { orgInfo: Record<string, unknown>; serverUrl: string | null }> {
    caller.skip();
    const problem = passwordProblem(req.admin.password);
    if (problem) throw invalid('password', problem);
    if (req.admin.password_confirmation !== undefined && req.admin.password_confirmation !== req.admin.password) {
      throw invalid('password_confirmation', 'passwords do not match');
    }
    return this.locks.run(SETUP_LOCK, 30_000, async () => {
      if ((await this.users.count()) > 0) throw setupDone();
      const id = await this.users.create({
        name: req.admin.name, email: req.admin.email, passwordHash: await this.hasher.hash(req.admin.password), globalRole: 'admin',
        teams: [], apiOnly: false, forcePasswordReset: false, ssoEnabled: false, mfaEnabled: false,
      });
      const doc = await this.appConfig.get();
      const orgInfo = { ...(doc['org_info'] as Record<string, unknown> | undefined), org_name: req.org_info.org_name, org_logo_url: req.org_info.org_logo_url ?? '' };
      const serverSettings = { ...(doc['server_settings'] as Record<string, unknown> | undefined), ...(req.server_url ? { server_url: req.server_url } : {}) };
      await this.appConfig.save({ ...doc, org_info: orgInfo, server_settings: serverSettings });
      const user = await this.users.findById(id);
      if (!user) throw new AdminError(AdminErrorCode.INTERNAL, 'setup user vanished');
      const signedIn = await this.sessions.startSession(user);
      await this.activities.recordFor({ id: user.id, name: user.name, email: user.email }, 'created_user',
        { user_id: user.id, user_name: user.name, user_email: user.email });
      return { ...signedIn, orgInfo, serverUrl: req.server_url ?? null };
    }, () => {
      throw setupDone();
    });
  }
}

/** Fleet stops serving the route once set up; we answer as an unknown route would. */
function setupDone(): AdminError {
  return new AdminError(AdminErrorCode.NOT_FOUND, 'setup already completed');
}
