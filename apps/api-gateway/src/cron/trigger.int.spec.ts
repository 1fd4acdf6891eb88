import { cronRoutes } from '@fleet/contracts';
import { cronKeys } from '@fleet/messaging';
import { CronStatsRepository } from '@fleet/persistence';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** `POST /trigger` on the api role alone: it only queues; the live-query role's runner does the run. */
describe('POST /api/latest/fleet/trigger (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let runs: CronStatsRepository;
  let admin: { token: string };

  beforeAll(async () => {
    kit = await startAdminTestKit('trigger');
    runs = new CronStatsRepository(kit.db.dataSource);
  });
  beforeEach(async () => {
    await kit.reset();
    await kit.db.dataSource.query('DELETE FROM cron_stats');
    admin = await kit.user({});
  });
  afterAll(async () => { await kit.close(); });

  const trigger = (name: string | undefined, token = admin.token) => kit.call(cronRoutes.trigger, { query: { name } }, { token });
  const reason = (body: { errors?: Array<{ reason: string }> } | undefined) => body?.errors?.[0]?.reason;

  it('queues a run of a known schedule and answers {}', async () => {
    const r = await trigger('automations');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    expect(await runs.recent('automations')).toMatchObject([{ type: 'triggered', status: 'queued' }]);
  });

  it('refuses a missing or unknown name, listing the valid names', async () => {
    const unknown = await trigger('usage_statistics');
    expect(unknown.status).toBe(400);
    expect(reason(unknown.body)).toBe('invalid name; valid names are: "automations", "cleanups_then_aggregation", "vulnerabilities"');
    const missing = await trigger(undefined);
    expect(missing.status).toBe(400);
    expect(reason(missing.body)).toMatch(/^name is required; valid names are: "automations"/);
    expect(await runs.recent('usage_statistics')).toEqual([]);
  });

  it('answers 409 while a run is queued or running', async () => {
    expect((await trigger('cleanups_then_aggregation')).status).toBe(200);
    const queued = await trigger('cleanups_then_aggregation');
    expect(queued.status).toBe(409);
    expect(reason(queued.body)).toBe('conflict: a triggered run of cleanups_then_aggregation is already queued');
    await kit.db.dataSource.query('DELETE FROM cron_stats');
    await kit.app.redis.set(cronKeys.lease('cleanups_then_aggregation'), 'some-replica', 'PX', 10_000);
    const running = await trigger('cleanups_then_aggregation');
    expect(running.status).toBe(409);
    expect(reason(running.body)).toMatch(/is running now/);
    await kit.app.redis.del(cronKeys.lease('cleanups_then_aggregation'));
    expect(await runs.recent('cleanups_then_aggregation')).toEqual([]);
  });

  it('is for global admins only', async () => {
    const maintainer = await kit.user({ global_role: 'maintainer' });
    expect((await trigger('automations', maintainer.token)).status).toBe(403);
    expect(await runs.recent('automations')).toEqual([]);
  });
});
