import { Injectable } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { ActivityRepository } from '@fleet/persistence';
import type { ActivityActor } from '@fleet/domain';

/**
 * Writes the audit entry of a state-changing call (fleet-admin-api.md §1.13: actor, type, details, time).
 * Called by services after the change succeeded; the actor is the signed-in user, or none for anonymous
 * events such as a failed login.
 */
@Injectable()
export class ActivityRecorder {
  constructor(private readonly activities: ActivityRepository) {}

  async record(caller: Caller | null, type: string, details: Record<string, unknown>): Promise<void> {
    const u = caller?.user;
    await this.recordFor(u ? { id: u.id, name: u.name, email: u.email } : null, type, details);
  }

  /** For events whose actor is not the caller (a login, before the session exists). */
  async recordFor(actor: ActivityActor | null, type: string, details: Record<string, unknown>): Promise<void> {
    await this.activities.record(actor, type, details);
  }
}
