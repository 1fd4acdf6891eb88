import { liveQueryRoutes as r } from '@fleet/contracts';
import { campaignKeys } from '@fleet/messaging';
import { eventually } from '@fleet/testing';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** Appends an answer as the ingest role's script does (see live-query.writer.ts). */
async function answer(kit: AdminTestKit, campaignId: number, hostId: number, rows: Array<Record<string, string>>): Promise<void> {
  const m = JSON.stringify({ type: 'result', host_id: hostId, hostname: `h${hostId}`, rows, error: null, stats: {}, at: Date.now() });
  await kit.app.redis.xadd(campaignKeys.results(campaignId), '*', 'm', m);
}

/** The newest campaigns once `n` exist past `after`, as the synchronous routes start them. */
async function campaignsAfter(kit: AdminTestKit, after: number, n: number): Promise<Array<{ id: number; query: string }>> {
  return eventually(`${n} campaigns`, () => kit.db.dataSource.query<Array<{ id: number; query: string }>>(
    'SELECT id, query FROM distributed_query_campaigns WHERE id > ? ORDER BY id', [after]), (rows) => rows.length >= n, 10_000, 50);
}

const lastCampaignId = async (kit: AdminTestKit): Promise<number> =>
  Number((await kit.db.dataSource.query<Array<{ n: number | null }>>('SELECT MAX(id) AS n FROM distributed_query_campaigns'))[0]?.n ?? 0);

/** The synchronous live-query routes Fleet scripts use besides POST /queries/:id/run (fleet-admin-api.md §1.3, §1.6). */
describe('synchronous live queries: GET /queries/run and /hosts/identifier/:identifier/query (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('sync_live_routes'); });
  afterAll(async () => { await kit.close(); });

  const savedQuery = async (name: string, sql: string): Promise<number> =>
    (await kit.db.dataSource.query<{ insertId: number }>("INSERT INTO queries (name, description, query) VALUES (?, '', ?)", [name, sql])).insertId;

  it('GET /queries/run with a JSON body runs each saved query and answers Fleet\'s shape (not routed as /queries/:id)', async () => {
    const admin = await kit.user({});
    const q1 = await savedQuery('one', 'SELECT 1');
    const q2 = await savedQuery('two', 'SELECT 2');
    const online = await kit.host({}, 5);
    const offline = await kit.host({}, 3600);
    const before = await lastCampaignId(kit);
    const pending = kit.call(r.runSync, { body: { query_ids: [q1, q2], host_ids: [online, offline] } }, { token: admin.token });
    const started = await campaignsAfter(kit, before, 2);
    for (const c of started) await answer(kit, c.id, online, [{ sql: c.query }]);
    const res = await pending;
    if (!res.ok) throw new Error(`${res.status} ${res.text}`);
    expect(res.body.summary).toEqual({ targeted_host_count: 2, responded_host_count: 1 });
    expect(res.body.live_query_results).toEqual(expect.arrayContaining([
      { query_id: q1, results: [{ host_id: online, rows: [{ sql: 'SELECT 1' }], error: null }] },
      { query_id: q2, results: [{ host_id: online, rows: [{ sql: 'SELECT 2' }], error: null }] },
    ]));
    const statuses = await kit.db.dataSource.query<Array<{ status: string }>>('SELECT status FROM distributed_query_campaigns WHERE id > ?', [before]);
    expect(statuses.map((s) => s.status)).toEqual(['completed', 'completed']);
  });

  it('GET /queries/run: the same with curl\'s default Content-Type, 400 without ids, errors per query and 403 when none may run', async () => {
    const admin = await kit.user({});
    const q = await savedQuery('three', 'SELECT 3');
    const offline = await kit.host({}, 3600);
    const curl = await kit.api('GET', '/api/latest/fleet/queries/run', {
      token: admin.token, body: JSON.stringify({ query_ids: [q, 999999], host_ids: [offline] }), contentType: 'application/x-www-form-urlencoded',
    });
    expect(curl.status).toBe(200);
    expect(curl.body).toEqual({
      summary: { targeted_host_count: 1, responded_host_count: 0 },
      live_query_results: expect.arrayContaining([
        { query_id: q, results: [] }, { query_id: 999999, error: 'Query with id=999999 was not found in the datastore', results: null },
      ]),
    });
    const empty = await kit.api('GET', '/api/latest/fleet/queries/run', { token: admin.token, body: { query_ids: [q] } });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ message: 'Bad request', errors: [{ name: 'base', reason: 'query_ids and host_ids are required' }] });
    const observer = await kit.user({ global_role: 'observer' });
    expect((await kit.call(r.runSync, { body: { query_ids: [q], host_ids: [offline] } }, { token: observer.token })).status).toBe(403);
  });

  it('POST /hosts/identifier/:identifier/query waits for the host\'s answer; an offline host answers at once; unknown is 400', async () => {
    const admin = await kit.user({});
    const online = await kit.host({ hostname: 'ident-online', hardware_serial: 'SER-1' }, 5);
    await kit.host({ hostname: 'ident-offline' }, 3600);
    const before = await lastCampaignId(kit);
    const pending = kit.call(r.runOnHostByIdentifier, { params: { identifier: 'SER-1' }, body: { query: 'SELECT model FROM usb_devices' } }, { token: admin.token });
    const [c] = await campaignsAfter(kit, before, 1);
    await answer(kit, c.id, online, [{ model: 'hub' }]);
    const res = await pending;
    if (!res.ok) throw new Error(`${res.status} ${res.text}`);
    expect(res.body).toEqual({ host_id: online, query: 'SELECT model FROM usb_devices', status: 'online', error: null, rows: [{ model: 'hub' }] });
    const off = await kit.call(r.runOnHostByIdentifier, { params: { identifier: 'ident-offline' }, body: { query: 'SELECT 1' } }, { token: admin.token });
    expect(off.ok && off.body).toMatchObject({ status: 'offline', rows: [] });
    const unknown = await kit.call(r.runOnHostByIdentifier, { params: { identifier: 'no-such-host' }, body: { query: 'SELECT 1' } }, { token: admin.token });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: 'Bad request', errors: [{ name: 'base', reason: 'host not found: no-such-host' }] });
  });
});
