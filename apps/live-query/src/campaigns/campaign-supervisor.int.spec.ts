import { CampaignStore, campaignKeys } from '@fleet/messaging';
import { CampaignRepository } from '@fleet/persistence';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { LiveQueryModule } from '../live-query.module';

const until = (cond: () => Promise<boolean>, timeoutMs: number, what: string) => eventually(what, cond, (ok) => ok, timeoutMs, 100);

/** The live-query role alone, with a 1.5 s campaign timeout and 1 s result retention. */
describe('campaign supervisor (MariaDB + Redis)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let store: CampaignStore;
  let repo: CampaignRepository;

  beforeAll(async () => {
    db = await createTestDatabase('lq_supervisor', { live_query_tick_interval: '100ms', live_query_campaign_timeout: '1500ms', live_query_result_retention: '1s' });
    app = await startTestApp(db.config, { roles: ['live-query'], modules: [LiveQueryModule] });
    store = new CampaignStore(app.redis);
    repo = new CampaignRepository(db.dataSource);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const launch = async (hostIds: number[], online: number) => {
    const c = await repo.create({ queryId: null, query: 'SELECT 1', userId: 1, targeted: hostIds.length, online, offline: hostIds.length - online, missing: 0 });
    await store.launch({ id: c.id, sql: 'SELECT 1', hostIds, userId: 1, createdAtMs: Date.now(), totals: { count: hostIds.length, online, offline: hostIds.length - online, missing: 0 } });
    return c.id;
  };
  const answer = (id: number, hostId: number, rows: number) => app.redis.xadd(campaignKeys.results(id), '*', 'm',
    JSON.stringify({ type: 'result', host_id: hostId, hostname: `h${hostId}`, rows: Array.from({ length: rows }, (_, i) => ({ i: String(i) })), error: null, stats: {}, at: Date.now() }));
  const keysOf = (id: number) => [campaignKeys.sql(id), campaignKeys.targets(id), campaignKeys.meta(id), campaignKeys.results(id), campaignKeys.lease(id)];
  const statuses = async (id: number) => (await app.redis.xrange(campaignKeys.results(id), '-', '+')).map(([, f]) => JSON.parse(f[1]) as Record<string, unknown>).filter((e) => e['type'] === 'status');

  it('completes a campaign once every online target answered, with counts in MySQL and status entries in the stream', async () => {
    const id = await launch([3, 4, 5], 2);
    await answer(id, 3, 2);
    await answer(id, 4, 1);
    await until(async () => (await repo.findById(id))?.status === 'completed', 5000, 'completion');
    expect(await repo.findById(id)).toMatchObject({ responded: 2, failed: 0, rows: 3, targeted: 3, online: 2, offline: 1 });
    const s = await statuses(id);
    expect(s.at(-1)).toEqual({ type: 'status', expected_results: 2, actual_results: 2, status: 'finished', ended: 'completed' });
    expect(await app.redis.sismember(campaignKeys.active, String(id))).toBe(0);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/fleet_live_query_rows_total\{[^}]*\} 3/);
  });

  it('times a silent campaign out and leaves no Redis key behind', async () => {
    const id = await launch([7, 8], 2);
    await answer(id, 7, 1);
    await until(async () => (await repo.findById(id))?.status === 'timed_out', 5000, 'timeout');
    expect(await repo.findById(id)).toMatchObject({ responded: 1, rows: 1 });
    expect((await statuses(id)).at(-1)).toMatchObject({ status: 'finished', ended: 'timed_out', actual_results: 1, expected_results: 2 });
    expect(await app.redis.exists(campaignKeys.sql(id), campaignKeys.targets(id))).toBe(0);
    await until(async () => (await app.redis.exists(...keysOf(id))) === 0, 3000, 'keys to expire');
    expect(await app.redis.sismember(campaignKeys.active, String(id))).toBe(0);
  });

  it('lets only one of two replicas count a campaign', async () => {
    const second = await startTestApp({ ...db.config, live_query: { ...db.config.live_query, tick_interval: 50 } }, { roles: ['live-query'], modules: [LiveQueryModule] });
    try {
      const id = await launch([10, 11, 12, 13], 4);
      for (const h of [10, 11, 12, 13]) await answer(id, h, 1);
      await until(async () => (await repo.findById(id))?.status === 'completed', 5000, 'completion');
      expect((await repo.findById(id))?.responded).toBe(4);
      expect((await statuses(id)).filter((s) => s['ended'])).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
