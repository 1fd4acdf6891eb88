import pino from 'pino';
import { loadConfig } from '@fleet/config';
import type { CampaignAnswer, CampaignEndStatus, CampaignOutcome } from '@fleet/domain';
import { FixedClock } from '@fleet/domain';
import { CampaignStore } from '@fleet/messaging';
import type { CampaignCounters, CampaignEndReason, CampaignMeta, CampaignStreamEntry, StatusEvent } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { CampaignRepository } from '@fleet/persistence';
import { CampaignSupervisor } from './campaign-supervisor';
import { LiveQueryMetrics } from './live-query.metrics';

/** The stores and repositories below override every method the supervisor calls; their client is never used. */
const NO_IO = undefined as never;
const config = loadConfig({});
const TIMEOUT = config.live_query.campaign_timeout;
const START = new Date('2026-12-01T00:00:00Z');

/**
 * A campaign's Redis state held in memory, as far as the supervisor reads and writes it: the active set, meta,
 * the results stream (ids `<n>-0`), counting leases (held by other replicas when listed in `heldElsewhere`),
 * the status entries appended and how each campaign ended.
 */
class MemoryCampaignState extends CampaignStore {
  readonly active = new Set<number>();
  readonly metas = new Map<number, CampaignMeta>();
  readonly streams = new Map<number, CampaignStreamEntry[]>();
  readonly heldElsewhere = new Set<number>();
  readonly leases = new Map<number, string>();
  readonly seen = new Set<number>();
  readonly statuses: Array<{ id: number; status: StatusEvent }> = [];
  readonly ended = new Map<number, CampaignEndReason>();

  constructor() {
    super(NO_IO);
  }

  open(id: number, online: number, createdAtMs: number, patch: Partial<CampaignMeta> = {}): void {
    this.active.add(id);
    this.metas.set(id, {
      userId: 1, count: online, online, offline: 0, missing: 0, createdAtMs, responded: 0, failed: 0, rows: 0,
      cursor: '0-0', firstAtMs: null, lastAtMs: null, ended: null, waitUntilMs: null, ...patch,
    });
    this.streams.set(id, []);
  }

  append(id: number, event: CampaignStreamEntry['event']): void {
    const entries = this.streams.get(id)!;
    entries.push({ id: `${entries.length + 1}-0`, event });
  }

  answer(id: number, hostId: number, rows: number, at: number, error: string | null = null): void {
    this.append(id, { type: 'result', host_id: hostId, hostname: `h${hostId}`, rows: Array.from({ length: rows }, () => ({ a: '1' })), error, stats: {}, at });
  }

  override activeIds(): Promise<number[]> {
    return Promise.resolve([...this.active]);
  }

  override meta(id: number): Promise<CampaignMeta | null> {
    return Promise.resolve(this.metas.get(id) ?? null);
  }

  override forget(id: number): Promise<void> {
    this.active.delete(id);
    return Promise.resolve();
  }

  override acquireLease(id: number, holder: string): Promise<boolean> {
    if (this.heldElsewhere.has(id) || this.leases.has(id)) return Promise.resolve(false);
    this.leases.set(id, holder);
    return Promise.resolve(true);
  }

  override releaseLease(id: number, holder: string): Promise<void> {
    if (this.leases.get(id) === holder) this.leases.delete(id);
    return Promise.resolve();
  }

  override markSeen(id: number): Promise<boolean> {
    const first = !this.seen.has(id);
    this.seen.add(id);
    return Promise.resolve(first);
  }

  override entriesAfter(id: number, afterId: string, count: number): Promise<{ entries: CampaignStreamEntry[]; lastId: string }> {
    const after = Number(afterId.split('-')[0]);
    const entries = (this.streams.get(id) ?? []).filter((e) => Number(e.id.split('-')[0]) > after).slice(0, count);
    return Promise.resolve({ entries, lastId: entries.at(-1)?.id ?? afterId });
  }

  override saveCursor(id: number, cursor: string): Promise<void> {
    this.metas.set(id, { ...this.metas.get(id)!, cursor });
    return Promise.resolve();
  }

  override saveProgress(id: number, cursor: string, counters: CampaignCounters, status: StatusEvent): Promise<void> {
    this.metas.set(id, { ...this.metas.get(id)!, cursor, ...counters });
    this.statuses.push({ id, status });
    return Promise.resolve();
  }

  override end(id: number, reason: CampaignEndReason): Promise<boolean> {
    const m = this.metas.get(id);
    if (!m || m.ended) return Promise.resolve(false);
    this.metas.set(id, { ...m, ended: reason });
    this.ended.set(id, reason);
    this.active.delete(id);
    return Promise.resolve(true);
  }
}

/** The campaign rows' end, as the supervisor records it. */
class MemoryCampaignRows extends CampaignRepository {
  readonly finished: Array<{ id: number; status: CampaignEndStatus; outcome: CampaignOutcome }> = [];

  constructor() {
    super(NO_IO);
  }

  readonly kept = new Map<number, Map<number, CampaignAnswer>>();

  override finish(id: number, status: CampaignEndStatus, outcome: CampaignOutcome): Promise<boolean> {
    this.finished.push({ id, status, outcome });
    return Promise.resolve(true);
  }

  /** As the table: one answer per host, a second one ignored. */
  override saveResults(id: number, answers: readonly CampaignAnswer[]): Promise<void> {
    const m = this.kept.get(id) ?? new Map<number, CampaignAnswer>();
    for (const a of answers) if (!m.has(a.hostId)) m.set(a.hostId, a);
    this.kept.set(id, m);
    return Promise.resolve();
  }
}

/** The supervisor's decisions on one replica, over in-memory campaign state and a FixedClock: no I/O. */
describe('CampaignSupervisor', () => {
  let clock: FixedClock;
  let store: MemoryCampaignState;
  let rows: MemoryCampaignRows;
  let metrics: MetricsRegistry;
  let supervisor: CampaignSupervisor;

  const metric = async (name: string, labels: Record<string, string> = {}): Promise<number> => {
    const values = (await metrics.registry.getSingleMetric(name)!.get()).values;
    return values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((n, v) => n + v.value, 0);
  };

  beforeEach(() => {
    clock = new FixedClock(START);
    store = new MemoryCampaignState();
    rows = new MemoryCampaignRows();
    metrics = new MetricsRegistry('live-query');
    supervisor = new CampaignSupervisor(store, rows, new LiveQueryMetrics(metrics), config, clock, pino({ level: 'silent' }));
  });

  it('counts new answers into the meta and a pending status entry, and completes once every online target answered', async () => {
    const t0 = START.getTime();
    store.open(1, 2, t0);
    store.answer(1, 10, 2, t0 + 500);
    await supervisor.tick();
    expect(store.metas.get(1)).toMatchObject({ responded: 1, failed: 0, rows: 2, cursor: '1-0', firstAtMs: t0 + 500, lastAtMs: t0 + 500 });
    expect(store.statuses).toEqual([{ id: 1, status: { type: 'status', expected_results: 2, actual_results: 1, status: 'pending' } }]);
    expect(rows.finished).toEqual([]);

    store.answer(1, 11, 0, t0 + 1500, 'no such table: x');
    await supervisor.tick();
    expect(store.statuses[1].status).toEqual({ type: 'status', expected_results: 2, actual_results: 2, status: 'finished' });
    expect(store.ended.get(1)).toBe('completed');
    expect(rows.finished).toEqual([{ id: 1, status: 'completed', outcome: expect.objectContaining({ responded: 2, failed: 1, rows: 2 }) as CampaignOutcome }]);
    expect(store.metas.get(1)).toMatchObject({ firstAtMs: t0 + 500, lastAtMs: t0 + 1500 });
    expect(await metric('fleet_live_query_campaigns_started_total')).toBe(1);
    expect(await metric('fleet_live_query_campaigns_finished_total', { status: 'completed' })).toBe(1);
    expect(await metric('fleet_live_query_answers_total')).toBe(2);
    expect(await metric('fleet_live_query_rows_total')).toBe(2);
    // The lease is given back after each visit.
    expect(store.leases.size).toBe(0);
  });

  it('moves only the cursor over entries that are not answers', async () => {
    store.open(2, 1, START.getTime());
    store.append(2, { type: 'totals', count: 1, online: 1, offline: 0, missing_in_action: 0 });
    store.append(2, { type: 'status', expected_results: 1, actual_results: 0, status: 'pending' });
    await supervisor.tick();
    expect(store.metas.get(2)).toMatchObject({ cursor: '2-0', responded: 0 });
    expect(store.statuses).toEqual([]);
    expect(rows.finished).toEqual([]);
  });

  it('ends a silent campaign as timed_out when the clock reaches its deadline, not a millisecond before', async () => {
    store.open(3, 2, START.getTime());
    clock.advance(TIMEOUT - 1);
    await supervisor.tick();
    expect(rows.finished).toEqual([]);
    clock.advance(1);
    await supervisor.tick();
    expect(store.ended.get(3)).toBe('timed_out');
    expect(rows.finished).toEqual([{ id: 3, status: 'timed_out', outcome: expect.objectContaining({ responded: 0 }) as CampaignOutcome }]);
    expect(await metric('fleet_live_query_campaigns_finished_total', { status: 'timed_out' })).toBe(1);
  });

  it('counts a campaign started once however many visits it takes', async () => {
    store.open(4, 3, START.getTime());
    for (let i = 0; i < 3; i++) await supervisor.tick();
    expect(await metric('fleet_live_query_campaigns_started_total')).toBe(1);
  });

  it('leaves a campaign alone while another replica holds its lease', async () => {
    store.open(5, 1, START.getTime());
    store.answer(5, 10, 1, START.getTime());
    store.heldElsewhere.add(5);
    await supervisor.tick();
    expect(store.metas.get(5)).toMatchObject({ responded: 0, cursor: '0-0' });
    expect(store.seen.has(5)).toBe(false);
    store.heldElsewhere.delete(5);
    await supervisor.tick();
    expect(store.ended.get(5)).toBe('completed');
  });

  it('finishes the row of a campaign whose keys expired without an end as timed_out with no answers, and forgets it', async () => {
    store.active.add(6);
    await supervisor.tick();
    expect(store.active.has(6)).toBe(false);
    expect(rows.finished).toEqual([{ id: 6, status: 'timed_out', outcome: { responded: 0, failed: 0, rows: 0 } }]);
    expect(await metric('fleet_live_query_campaigns_finished_total')).toBe(0);
  });

  it('forgets a campaign that was ended elsewhere without finishing its row again', async () => {
    store.open(7, 1, START.getTime(), { ended: 'stopped' });
    await supervisor.tick();
    expect(store.active.has(7)).toBe(false);
    expect(rows.finished).toEqual([]);
  });

  it('goes on with the other campaigns when one visit fails', async () => {
    store.open(8, 1, START.getTime());
    store.open(9, 1, START.getTime());
    store.answer(9, 10, 1, START.getTime());
    const meta = store.meta.bind(store);
    store.meta = (id: number) => (id === 8 ? Promise.reject(new Error('READONLY')) : meta(id));
    await supervisor.tick();
    expect(store.ended.get(9)).toBe('completed');
    expect(store.leases.size).toBe(0);
  });

  it('keeps a waiting campaign open for its offline targets, keeps every answer, and ends it when the last target answered', async () => {
    const t0 = START.getTime();
    const day = 24 * 3_600_000;
    // 3 targets, 1 online; waits a day.
    store.open(7, 1, t0, { count: 3, offline: 2, waitUntilMs: t0 + day });
    store.answer(7, 1, 2, t0 + 500);
    clock.set(new Date(t0 + TIMEOUT + 1000));
    await supervisor.tick();
    expect(store.ended.has(7)).toBe(false);
    expect(store.statuses.at(-1)?.status).toEqual({ type: 'status', expected_results: 3, actual_results: 1, status: 'pending' });
    // An offline host comes back hours later.
    store.answer(7, 2, 1, t0 + 5 * 3_600_000);
    clock.set(new Date(t0 + 5 * 3_600_000));
    await supervisor.tick();
    expect(store.ended.has(7)).toBe(false);
    store.answer(7, 3, 0, t0 + 6 * 3_600_000, 'no such table');
    clock.set(new Date(t0 + 6 * 3_600_000));
    await supervisor.tick();
    expect(store.ended.get(7)).toBe('completed');
    expect([...(rows.kept.get(7)?.keys() ?? [])]).toEqual([1, 2, 3]);
    expect(rows.kept.get(7)?.get(3)).toMatchObject({ error: 'no such table', rows: [] });
    expect(rows.finished).toEqual([{ id: 7, status: 'completed', outcome: expect.objectContaining({ responded: 3, failed: 1, rows: 3 }) as CampaignOutcome }]);
  });

  it('ends a waiting campaign at its own deadline as timed_out, with what came', async () => {
    const t0 = START.getTime();
    store.open(8, 1, t0, { count: 2, offline: 1, waitUntilMs: t0 + 3_600_000 });
    store.answer(8, 1, 1, t0 + 100);
    clock.set(new Date(t0 + 3_600_000));
    await supervisor.tick();
    expect(store.ended.get(8)).toBe('timed_out');
    expect([...(rows.kept.get(8)?.keys() ?? [])]).toEqual([1]);
  });
});
