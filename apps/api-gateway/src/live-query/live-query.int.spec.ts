import WebSocket from 'ws';
import { liveQueryRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { campaignKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit, TypedResponse } from '../testing/admin-test-kit';

const V1 = '/api/v1/fleet';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- message data is checked by the assertions
type Msg = any;

/** Appends an answer as the ingest role's script does (see live-query.writer.ts). */
async function answer(kit: AdminTestKit, campaignId: number, hostId: number, rows: Array<Record<string, string>>): Promise<void> {
  const m = JSON.stringify({ type: 'result', host_id: hostId, hostname: `h${hostId}`, rows, error: null, stats: {}, at: Date.now() });
  await kit.app.redis.xadd(campaignKeys.results(campaignId), '*', 'm', m);
}

function wsMessages(kit: AdminTestKit, token: string, campaignId: number, until: (msgs: Array<{ type: string; data: Msg }>) => boolean, origin?: string): Promise<Array<{ type: string; data: Msg }>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${kit.app.url.replace('http', 'ws')}/api/latest/fleet/results/websocket`, origin ? { origin } : {});
    const msgs: Array<{ type: string; data: Msg }> = [];
    const timer = setTimeout(() => { ws.close(); reject(new Error(`timeout; got ${JSON.stringify(msgs)}`)); }, 10_000);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', data: { token } }));
      ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
    });
    ws.on('message', (d: Buffer) => {
      msgs.push(JSON.parse(d.toString()));
      if (until(msgs)) { clearTimeout(timer); ws.close(); resolve(msgs); }
    });
    ws.on('error', reject);
  });
}

/** The body of a typed call that must succeed. */
function ok<R extends AnyAdminRoute>(res: TypedResponse<R>) {
  if (!res.ok) throw new Error(`expected success, got ${res.status} ${res.text}`);
  return res.body;
}

/** Fleet's error body of a typed call that must fail. */
function failure<R extends AnyAdminRoute>(res: TypedResponse<R>) {
  if (res.ok) throw new Error(`expected a failure, got ${res.status} ${res.text}`);
  return res.body;
}

describe('live queries through the gateway (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('live_query_api'); });
  afterAll(async () => { await kit.close(); });

  it('creates a campaign with totals, Redis keys and an activity', async () => {
    const admin = await kit.user({});
    const online = await kit.host({}, 5);
    const offline = await kit.host({}, 3600);
    const res = await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [online, offline] } } }, { token: admin.token });
    expect(res.status).toBe(200);
    const { campaign } = ok(res);
    expect(campaign).toMatchObject({ status: 0, user_id: admin.id, query_id: null, Metrics: { TotalHosts: 2, OnlineHosts: 1, OfflineHosts: 1, MissingInActionHosts: 0 } });
    const id = campaign.id;
    expect(await kit.app.redis.get(campaignKeys.sql(id))).toBe('SELECT 1');
    expect(await kit.app.redis.getbit(campaignKeys.targets(id), online)).toBe(1);
    expect(await kit.app.redis.sismember(campaignKeys.active, String(id))).toBe(1);
    const [act] = await kit.db.dataSource.query("SELECT details FROM activities WHERE activity_type = 'live_query' ORDER BY id DESC LIMIT 1");
    expect(act.details).toMatchObject({ targets_count: 2, query_sql: 'SELECT 1' });

    const count = await kit.call(r.targetsCount, { body: { selected: { hosts: [online, offline] } } }, { token: admin.token });
    expect(ok(count)).toEqual({ targets_count: 2, targets_online: 1, targets_offline: 1, targets_missing_in_action: 0 });

    const stop = await kit.call(r.stop, { params: { id } }, { token: admin.token });
    expect(stop.status).toBe(200);
    expect(await kit.app.redis.exists(campaignKeys.sql(id), campaignKeys.targets(id))).toBe(0);
    expect(await kit.app.redis.sismember(campaignKeys.active, String(id))).toBe(0);
    const [row] = await kit.db.dataSource.query('SELECT status FROM distributed_query_campaigns WHERE id = ?', [id]);
    expect(row.status).toBe('stopped');
  });

  it('validates the request as Fleet does', async () => {
    const admin = await kit.user({});
    const none = await kit.api('POST', `${V1}/queries/run`, { token: admin.token, body: { selected: { hosts: [1] } } });
    expect(none.status).toBe(422);
    const noHosts = await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [999999] } } }, { token: admin.token });
    expect(noHosts.status).toBe(400);
    const badLabel = await kit.call(r.runByIdentifiers, { body: { query: 'SELECT 1', selected: { labels: ['Nope'] } } }, { token: admin.token });
    expect(badLabel.status).toBe(400);
    expect(badLabel.text).toContain('Invalid label name(s): Nope.');
  });

  it('observers run only observer_can_run queries; team users only reach their teams', async () => {
    const teamA = await kit.team('lq-A');
    const teamB = await kit.team('lq-B');
    const hostA = await kit.host({ team_id: teamA }, 1);
    const hostB = await kit.host({ team_id: teamB }, 1);
    const closedId = (await kit.db.dataSource.query<{ insertId: number }>("INSERT INTO queries (name, description, query, observer_can_run) VALUES ('closed', '', 'SELECT 2', 0)")).insertId;
    const res = await kit.db.dataSource.query<{ insertId: number }>("INSERT INTO queries (name, description, query, observer_can_run) VALUES ('open', '', 'SELECT 3', 1)");
    const openId = res.insertId;

    const observer = await kit.user({ global_role: 'observer' });
    const run = (token: string, body: { query?: string; query_id?: number; selected: { hosts?: number[]; labels?: number[]; teams?: number[] } }) =>
      kit.call(r.run, { body }, { token });
    expect((await run(observer.token, { query_id: closedId, selected: { hosts: [hostA] } })).status).toBe(403);
    expect((await run(observer.token, { query: 'SELECT 1', selected: { hosts: [hostA] } })).status).toBe(403);
    expect((await run(observer.token, { query_id: openId, selected: { hosts: [hostA] } })).status).toBe(200);

    const maintainerA = await kit.user({ teams: [{ id: teamA, role: 'maintainer' }] });
    expect((await run(maintainerA.token, { query: 'SELECT 1', selected: { hosts: [hostB] } })).status).toBe(403);
    expect((await run(maintainerA.token, { query: 'SELECT 1', selected: { teams: [teamB] } })).status).toBe(403);
    const own = await run(maintainerA.token, { query: 'SELECT 1', selected: { hosts: [hostA], labels: [] } });
    expect(own.status).toBe(200);
    expect(ok(own).campaign.Metrics.TotalHosts).toBe(1);
    // The "All Hosts" label reaches only the maintainer's own team.
    const [all] = await kit.db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    const viaLabel = await run(maintainerA.token, { query: 'SELECT 1', selected: { labels: [all.id] } });
    expect(viaLabel.status).toBe(200);
    expect(ok(viaLabel).campaign.Metrics.TotalHosts).toBe(1);
    // Another user's campaign cannot be streamed or stopped.
    const other = await kit.user({});
    expect((await kit.call(r.stop, { params: { id: ok(own).campaign.id } }, { token: other.token })).status).toBe(403);
  });

  it('streams totals, status and results over the websocket and SSE with resumable ids', async () => {
    const admin = await kit.user({});
    const h1 = await kit.host({}, 1);
    const h2 = await kit.host({}, 1);
    const id = ok(await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [h1, h2] } } }, { token: admin.token })).campaign.id;
    await answer(kit, id, h1, [{ a: '1' }]);
    await answer(kit, id, h2, [{ a: '2' }, { a: '3' }]);
    const msgs = await wsMessages(kit, admin.token, id, (m) => m.filter((x) => x.type === 'result').length === 2);
    expect(msgs[0]).toEqual({ type: 'totals', data: { count: 2, online: 2, offline: 0, missing_in_action: 0 } });
    expect(msgs[1]).toEqual({ type: 'status', data: { expected_results: 2, actual_results: 0, status: 'pending' } });
    const results = msgs.filter((m) => m.type === 'result');
    expect(results[1].data).toMatchObject({ distributed_query_execution_id: id, host: { id: h2 }, rows: [{ a: '2', host_hostname: `h${h2}` }, { a: '3' }] });

    await kit.call(r.stop, { params: { id } }, { token: admin.token });
    const sse = await fetch(`${kit.app.url}${V1}/results/${id}/events`, { headers: { authorization: `Bearer ${admin.token}` } });
    const text = await sse.text();
    const ids = [...text.matchAll(/^id: (\S+)$/gm)].map((m) => m[1]);
    expect(text.match(/^event: result$/gm)).toHaveLength(2);
    expect(text).toContain('"status":"finished"');
    const resumed = await (await fetch(`${kit.app.url}${V1}/results/${id}/events`, { headers: { authorization: `Bearer ${admin.token}`, 'last-event-id': ids[2] } })).text();
    expect([...resumed.matchAll(/^id: (\S+)$/gm)].map((m) => m[1])).toEqual(ids.slice(3));

    const denied = await wsMessages(kit, (await kit.user({})).token, id, (m) => m.some((x) => x.type === 'error'));
    expect(denied).toEqual([{ type: 'error', data: 'forbidden' }]);
  });

  it('answers a query to an offline host at once', async () => {
    const admin = await kit.user({});
    const off = await kit.host({}, 7200);
    const res = await kit.call(r.runOnHost, { params: { id: off }, body: { query: 'SELECT 1' } }, { token: admin.token });
    expect(res.status).toBe(200);
    expect(ok(res)).toMatchObject({ host_id: off, status: 'offline', rows: [] });
  });

  it('refuses the websocket to a page of another site (Origin), and serves one from this host', async () => {
    const admin = await kit.user({});
    const id = ok(await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [await kit.host({}, 5)] } } }, { token: admin.token })).campaign.id;
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${kit.app.url.replace('http', 'ws')}/api/latest/fleet/results/websocket`, { origin: 'https://evil.example' });
      ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
      ws.on('open', () => reject(new Error('a foreign Origin was let in')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const msgs = await wsMessages(kit, admin.token, id, (m) => m.some((x) => x.type === 'totals'), kit.app.url);
    expect(msgs.find((x) => x.type === 'totals')?.data).toMatchObject({ count: 1 });
  });

  it('refuses new live queries with 403 while an admin has switched them off, and says so on /status/live_query', async () => {
    const admin = await kit.user({});
    const host = await kit.host({}, 5);
    const observer = await kit.user({ global_role: 'observer' });
    const setDisabled = async (v: boolean) => expect((await kit.api('PATCH', `${V1}/config`, { token: admin.token, body: { server_settings: { live_query_disabled: v } } })).status).toBe(200);
    expect(ok(await kit.call(r.liveQueryStatus, {}, { token: observer.token }))).toEqual({});
    expect(ok(await kit.call(r.resultStoreStatus, {}, { token: observer.token }))).toEqual({});
    await setDisabled(true);
    try {
      const before = await kit.db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM distributed_query_campaigns');
      for (const [path, body] of [['/queries/run', { query: 'SELECT 1', selected: { hosts: [host] } }], [`/hosts/${host}/query`, { query: 'SELECT 1' }]] as const) {
        const refused = await kit.api('POST', `${V1}${path}`, { token: admin.token, body });
        expect(refused.status).toBe(403);
        expect(refused.body.errors[0].reason).toBe('disabled by administrator');
      }
      const after = await kit.db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM distributed_query_campaigns');
      expect(Number(after[0].n)).toBe(Number(before[0].n));
      const st = await kit.call(r.liveQueryStatus, {}, { token: observer.token });
      expect(st.status).toBe(403);
      expect(failure(st)?.errors?.[0].reason).toBe('disabled by administrator');
      expect((await kit.call(r.resultStoreStatus, {}, { token: observer.token })).status).toBe(200);
    } finally {
      await setDisabled(false);
    }
    expect((await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [host] } } }, { token: admin.token })).status).toBe(200);
  });
});
