import pino from 'pino';
import { loadConfig } from '@fleet/config';
import type { CronRunStart, CronRunStatus, CronRunType, CronScheduleState } from '@fleet/domain';
import { FixedClock } from '@fleet/domain';
import { CronLeaseStore } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { CronStatsRepository } from '@fleet/persistence';
import type { CronJob, CronSchedule } from './cron.job';
import { CronMetrics } from './cron.metrics';
import { CronRunner } from './cron-runner';

/** The repository and store below override every method the runner calls; their client is never used. */
const NO_IO = undefined as never;
const HOUR = 3600_000;
const config = loadConfig({});

interface Run {
  readonly id: number;
  readonly name: string;
  type: CronRunType;
  status: CronRunStatus;
  startedAt: Date | null;
  errors: Record<string, string> | null;
}

/** cron_stats in memory, with the repository's rules: a start expires what was pending, takes the queued triggers or adds a scheduled run. */
class MemoryRuns extends CronStatsRepository {
  readonly all: Run[] = [];
  failReads = false;

  constructor(private readonly clock: FixedClock) {
    super(NO_IO);
  }

  override states(names: readonly string[]): Promise<Map<string, CronScheduleState>> {
    if (this.failReads) return Promise.reject(new Error('connect ECONNREFUSED'));
    return Promise.resolve(new Map(names.map((name): [string, CronScheduleState] => {
      const mine = this.all.filter((r) => r.name === name);
      const starts = mine.flatMap((r) => (r.status !== 'queued' && r.startedAt ? [r.startedAt.getTime()] : []));
      return [name, { lastStartedAt: starts.length ? new Date(Math.max(...starts)) : null, queued: mine.some((r) => r.status === 'queued') }];
    })));
  }

  override queue(name: string): Promise<number> {
    this.all.push({ id: this.all.length + 1, name, type: 'triggered', status: 'queued', startedAt: null, errors: null });
    return Promise.resolve(this.all.length);
  }

  /** What another replica leaves behind when it ran the schedule: a completed run started now. */
  ranElsewhere(name: string): void {
    this.all.push({ id: this.all.length + 1, name, type: 'scheduled', status: 'completed', startedAt: this.clock.now(), errors: null });
  }

  override start(name: string): Promise<CronRunStart> {
    for (const r of this.all) if (r.name === name && r.status === 'pending') r.status = 'expired';
    const queued = this.all.filter((r) => r.name === name && r.status === 'queued');
    for (const r of queued) Object.assign(r, { status: 'pending', startedAt: this.clock.now() });
    if (queued.length > 0) return Promise.resolve({ ids: queued.map((r) => r.id), type: 'triggered' });
    this.all.push({ id: this.all.length + 1, name, type: 'scheduled', status: 'pending', startedAt: this.clock.now(), errors: null });
    return Promise.resolve({ ids: [this.all.length], type: 'scheduled' });
  }

  override finish(run: CronRunStart, errors: Record<string, string> | null): Promise<void> {
    for (const r of this.all) if (run.ids.includes(r.id)) Object.assign(r, { status: 'completed', errors });
    return Promise.resolve();
  }

  of(name: string): Run[] {
    return this.all.filter((r) => r.name === name);
  }
}

/** Schedule leases in memory; `heldElsewhere` are taken by other replicas, `onAcquire` runs as a lease is taken. */
class MemoryLeases extends CronLeaseStore {
  readonly held = new Map<string, string>();
  readonly heldElsewhere = new Set<string>();
  acquired = 0;
  onAcquire: (schedule: string) => void = () => undefined;

  constructor() {
    super(NO_IO);
  }

  override acquire(schedule: string, holder: string): Promise<boolean> {
    if (this.heldElsewhere.has(schedule) || this.held.has(schedule)) return Promise.resolve(false);
    this.held.set(schedule, holder);
    this.acquired++;
    this.onAcquire(schedule);
    return Promise.resolve(true);
  }

  override renew(schedule: string, holder: string): Promise<boolean> {
    return Promise.resolve(this.held.get(schedule) === holder);
  }

  override release(schedule: string, holder: string): Promise<void> {
    if (this.held.get(schedule) === holder) this.held.delete(schedule);
    return Promise.resolve();
  }
}

/** The runner's decisions on one replica, over in-memory runs and leases and a FixedClock: no I/O, no timers. */
describe('CronRunner', () => {
  let clock: FixedClock;
  let runs: MemoryRuns;
  let leases: MemoryLeases;
  let metrics: MetricsRegistry;
  let jobRuns: string[];

  const job = (name: string, run: () => Promise<void> = () => Promise.resolve()): CronJob => ({ name, run: () => { jobRuns.push(name); return run(); } });
  const schedule = (jobs: CronJob[]): CronSchedule => ({ name: 'cleanups_then_aggregation', intervalMs: () => Promise.resolve(HOUR), jobs });
  const runner = (s: CronSchedule) => new CronRunner(leases, runs, [s], config, clock, new CronMetrics(metrics), pino({ level: 'silent' }));
  /** One tick, then until the runs it started have ended. */
  const tick = async (r: CronRunner) => {
    await r.tick();
    await r.idle();
  };
  const metric = async (name: string, labels: Record<string, string> = {}): Promise<number> => {
    const values = (await metrics.registry.getSingleMetric(name)!.get()).values;
    return values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((n, v) => n + v.value, 0);
  };

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-12-01T00:00:00Z'));
    runs = new MemoryRuns(clock);
    leases = new MemoryLeases();
    metrics = new MetricsRegistry('live-query');
    jobRuns = [];
  });

  it('runs a schedule that never ran at once, then again only when its interval has passed by the clock', async () => {
    const r = runner(schedule([job('a')]));
    await tick(r);
    expect(runs.of('cleanups_then_aggregation')).toMatchObject([{ type: 'scheduled', status: 'completed', errors: null }]);
    clock.advance(HOUR - 1);
    await tick(r);
    expect(runs.all).toHaveLength(1);
    clock.advance(1);
    await tick(r);
    expect(runs.all.map((x) => x.status)).toEqual(['completed', 'completed']);
    expect(jobRuns).toEqual(['a', 'a']);
    expect(await metric('fleet_cron_runs_total', { name: 'cleanups_then_aggregation', type: 'scheduled' })).toBe(2);
    expect(leases.held.size).toBe(0);
  });

  it('runs queued triggers at the next tick before the interval has passed, as one triggered run', async () => {
    const r = runner(schedule([job('a')]));
    await tick(r);
    await runs.queue('cleanups_then_aggregation');
    await runs.queue('cleanups_then_aggregation');
    await tick(r);
    expect(runs.all.map((x) => [x.type, x.status])).toEqual([['scheduled', 'completed'], ['triggered', 'completed'], ['triggered', 'completed']]);
    expect(jobRuns).toEqual(['a', 'a']);
  });

  it('leaves a due schedule alone while another replica holds its lease, and runs it once the lease is free', async () => {
    const r = runner(schedule([job('a')]));
    leases.heldElsewhere.add('cleanups_then_aggregation');
    await tick(r);
    await tick(r);
    expect(runs.all).toEqual([]);
    leases.heldElsewhere.clear();
    await tick(r);
    expect(runs.all).toHaveLength(1);
  });

  it('does not run when another replica ran the schedule between the tick\'s read and the lease, and gives the lease back', async () => {
    const r = runner(schedule([job('a')]));
    leases.onAcquire = (name) => runs.ranElsewhere(name);
    await tick(r);
    expect(jobRuns).toEqual([]);
    expect(runs.all).toMatchObject([{ status: 'completed', type: 'scheduled' }]);
    expect(leases.held.size).toBe(0);
  });

  it('records a failed job in the run\'s errors and goes on with the next job', async () => {
    const r = runner(schedule([job('a', () => Promise.reject(new Error('boom'))), job('b')]));
    await tick(r);
    expect(jobRuns).toEqual(['a', 'b']);
    expect(runs.all).toMatchObject([{ status: 'completed', errors: { a: 'boom' } }]);
    expect(await metric('fleet_cron_job_failures_total', { name: 'cleanups_then_aggregation', job: 'a' })).toBe(1);
  });

  it('does not start a schedule it is still running, even when a trigger waits', async () => {
    let started = (): void => undefined;
    const running = new Promise<void>((resolve) => { started = resolve; });
    let finish = (): void => undefined;
    const gate = new Promise<void>((resolve) => { finish = resolve; });
    const r = runner(schedule([job('slow', () => { started(); return gate; })]));
    await r.tick();
    await running;
    await runs.queue('cleanups_then_aggregation');
    await r.tick();
    expect(leases.acquired).toBe(1);
    expect(jobRuns).toEqual(['slow']);
    finish();
    await r.idle();
    await tick(r);
    expect(jobRuns).toEqual(['slow', 'slow']);
    expect(runs.all.map((x) => [x.type, x.status])).toEqual([['scheduled', 'completed'], ['triggered', 'completed']]);
  });

  it('counts every tick in fleet_cron_ticks_total, also one that could not read the runs', async () => {
    const r = runner(schedule([job('a')]));
    await tick(r);
    runs.failReads = true;
    await tick(r);
    expect(await metric('fleet_cron_ticks_total')).toBe(2);
    expect(runs.all).toHaveLength(1);
  });
});
