import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** GET /activities with Fleet's filters: actor search (`query`), `activity_type`, and the created_at bounds. */
describe('activities: filters (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('activities'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); });

  const record = (actor: { id: number; name: string; email: string } | null, type: string, at: string) => kit.db.dataSource.query(
    'INSERT INTO activities (user_id, user_name, user_email, activity_type, details, fleet_initiated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [actor?.id ?? null, actor?.name ?? null, actor?.email ?? '', type, '{}', actor === null, new Date(at)]);

  it('filters by actor name or email, type and time, together and with paging; bad times are 400', async () => {
    const admin = await kit.user({ email: 'admin@example.com' });
    const mia = { id: (await kit.user({ email: 'mia.member@example.com', global_role: 'observer' })).id, name: 'Mia Member', email: 'mia.member@example.com' };
    const bob = { id: admin.id, name: 'Bob Admin', email: 'admin@example.com' };
    await record(mia, 'created_policy', '2026-11-01T10:00:00Z');
    await record(mia, 'deleted_policy', '2026-11-02T10:00:00Z');
    await record(bob, 'created_policy', '2026-11-03T10:00:00Z');
    await record(null, 'user_failed_login', '2026-11-04T10:00:00Z');

    const list = async (q: string) => {
      const r = await kit.api('GET', `/api/latest/fleet/activities?${q}`, { token: admin.token });
      expect([q, r.status]).toEqual([q, 200]);
      return (r.body.activities as Array<{ type: string; actor_full_name?: string; created_at: string }>).map((a) => `${a.actor_full_name ?? 'fleet'}:${a.type}`);
    };
    expect(await list('')).toEqual(['fleet:user_failed_login', 'Bob Admin:created_policy', 'Mia Member:deleted_policy', 'Mia Member:created_policy']);
    expect(await list('query=mia')).toEqual(['Mia Member:deleted_policy', 'Mia Member:created_policy']);
    expect(await list('query=admin%40example')).toEqual(['Bob Admin:created_policy']);
    expect(await list('activity_type=created_policy')).toEqual(['Bob Admin:created_policy', 'Mia Member:created_policy']);
    expect(await list('query=member&activity_type=created_policy')).toEqual(['Mia Member:created_policy']);
    expect(await list('start_created_at=2026-11-02&end_created_at=2026-11-03T10:00:00Z')).toEqual(['Bob Admin:created_policy', 'Mia Member:deleted_policy']);
    expect(await list('start_created_at=2026-11-03T00:00:00%2B02:00')).toEqual(['fleet:user_failed_login', 'Bob Admin:created_policy']);
    expect(await list('activity_type=created_policy&per_page=1&page=1')).toEqual(['Mia Member:created_policy']);
    expect(await list('activity_type=no_such_type')).toEqual([]);

    const bad = await kit.api('GET', '/api/latest/fleet/activities?start_created_at=yesterday', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('invalid start_created_at: yesterday');
  });
});
