import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { CronStatsRepository } from './cron-stats.repository';

describe('runs of the background schedules (MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase('cron_stats'); }, 120_000);
  afterAll(async () => { await db.drop(); });

  it('starts every schedule\'s run at once on an empty table, as a replica\'s first tick does, without a deadlock', async () => {
    const runs = new CronStatsRepository(db.dataSource);
    const names = ['cleanups_then_aggregation', 'automations', 'vulnerabilities', 'usage_statistics', 'host_status_history', 'calendar'];
    for (let round = 0; round < 20; round += 1) {
      await db.dataSource.query('DELETE FROM cron_stats');
      const started = await Promise.all(names.map((n) => runs.start(n, `replica-${round}`)));
      expect(started.map((s) => s.type)).toEqual(names.map(() => 'scheduled'));
      const rows = await db.dataSource.query<Array<{ name: string; status: string }>>('SELECT name, status FROM cron_stats ORDER BY name');
      expect(rows.map((r) => `${r.name} ${r.status}`)).toEqual([...names].sort().map((n) => `${n} pending`));
    }
  });

  it('turns queued triggers into the run it starts, and expires a run left pending by a replica that died', async () => {
    const runs = new CronStatsRepository(db.dataSource);
    await db.dataSource.query('DELETE FROM cron_stats');
    const died = await runs.start('automations', 'replica-dead');
    const triggered = await runs.queue('automations');
    const run = await runs.start('automations', 'replica-live');
    expect(run).toEqual({ ids: [triggered], type: 'triggered' });
    const rows = await db.dataSource.query<Array<{ id: number; status: string; instance: string }>>('SELECT id, status, instance FROM cron_stats ORDER BY id');
    expect(rows.map((r) => [Number(r.id), r.status, r.instance])).toEqual([[died.ids[0], 'expired', 'replica-dead'], [triggered, 'pending', 'replica-live']]);
  });
});
