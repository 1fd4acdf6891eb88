import type { AuthUser } from '@fleet/auth';
import { AdminError, AdminErrorCode, Caller } from '@fleet/auth';
import type { RoleName } from '@fleet/domain';
import { CronLeaseStore } from '@fleet/messaging';
import { CronStatsRepository } from '@fleet/persistence';
import { TriggerService } from './trigger.service';

const NO_DB = undefined as never;

/** cron_stats as far as a trigger reads and writes it: which schedules have a queued run. */
class MemoryRuns extends CronStatsRepository {
  readonly queued: string[] = [];

  constructor() {
    super(NO_DB);
  }

  override hasQueued(name: string): Promise<boolean> {
    return Promise.resolve(this.queued.includes(name));
  }

  override queue(name: string): Promise<number> {
    this.queued.push(name);
    return Promise.resolve(this.queued.length);
  }
}

/** Schedules running on some replica now. */
class MemoryLeases extends CronLeaseStore {
  readonly running = new Set<string>();

  constructor() {
    super(NO_DB);
  }

  override isRunning(schedule: string): Promise<boolean> {
    return Promise.resolve(this.running.has(schedule));
  }
}

const caller = (globalRole: RoleName): Caller => {
  const user: AuthUser = { id: 1, name: 'u', email: 'u@example.com', globalRole, teams: [], apiOnly: false, forcePasswordReset: false };
  return new Caller(user, 1, '127.0.0.1');
};

const rejection = async (p: Promise<unknown>): Promise<AdminError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AdminError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('TriggerService', () => {
  const setup = () => {
    const runs = new MemoryRuns();
    const leases = new MemoryLeases();
    return { runs, leases, service: new TriggerService(runs, leases) };
  };

  it('queues one run of a known schedule and refuses a second while it waits or runs', async () => {
    const { runs, leases, service } = setup();
    await service.trigger(caller('admin'), 'automations');
    expect(runs.queued).toEqual(['automations']);
    const queued = await rejection(service.trigger(caller('admin'), 'automations'));
    expect([queued.code, queued.message]).toEqual([AdminErrorCode.CONFLICT, 'conflict: a triggered run of automations is already queued']);
    leases.running.add('cleanups_then_aggregation');
    const running = await rejection(service.trigger(caller('admin'), 'cleanups_then_aggregation'));
    expect(running.message).toBe('conflict: cleanups_then_aggregation is running now; trigger it again when the run has finished');
    expect(runs.queued).toEqual(['automations']);
  });

  it('checks the permission before the name, and lists the valid names for a missing or unknown one', async () => {
    const { runs, service } = setup();
    expect((await rejection(service.trigger(caller('maintainer'), undefined))).code).toBe(AdminErrorCode.FORBIDDEN);
    expect((await rejection(service.trigger(caller('admin'), undefined))).message)
      .toBe('name is required; valid names are: "automations", "cleanups_then_aggregation", "vulnerabilities"');
    expect((await rejection(service.trigger(caller('admin'), 'usage_statistics'))).message)
      .toBe('invalid name; valid names are: "automations", "cleanups_then_aggregation", "vulnerabilities"');
    expect(runs.queued).toEqual([]);
  });
});
