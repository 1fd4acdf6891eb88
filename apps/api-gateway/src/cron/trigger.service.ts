import { Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, authorize, badRequest } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { CRON_SCHEDULES, isCronScheduleName } from '@fleet/contracts';
import { CronLeaseStore } from '@fleet/messaging';
import { CronStatsRepository } from '@fleet/persistence';

const VALID = CRON_SCHEDULES.map((n) => `"${n}"`).join(', ');

/**
 * `POST /trigger?name=`: asks for an ad hoc run of a background schedule. The request is recorded as a queued
 * run; whichever live-query replica ticks next runs it. A schedule that is running or already queued answers
 * 409, as Fleet does, so a script cannot pile up runs.
 */
@Injectable()
export class TriggerService {
  constructor(private readonly runs: CronStatsRepository, private readonly leases: CronLeaseStore) {}

  async trigger(caller: Caller, name: string | undefined): Promise<void> {
    authorize(caller, 'cron:trigger', { teamId: null });
    if (!name) throw badRequest(`name is required; valid names are: ${VALID}`);
    if (!isCronScheduleName(name)) throw badRequest(`invalid name; valid names are: ${VALID}`);
    if (await this.leases.isRunning(name)) {
      throw new AdminError(AdminErrorCode.CONFLICT, `conflict: ${name} is running now; trigger it again when the run has finished`);
    }
    if (await this.runs.hasQueued(name)) throw new AdminError(AdminErrorCode.CONFLICT, `conflict: a triggered run of ${name} is already queued`);
    await this.runs.queue(name);
  }
}
