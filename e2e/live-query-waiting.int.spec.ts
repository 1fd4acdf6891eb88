import { ApiGatewayModule } from '@fleet/api-gateway';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { LiveQueryModule } from '@fleet/live-query';
import { ingestBodyLimits, OsqueryIngestModule } from '@fleet/osquery-ingest';
import { FleetSimulator } from '@fleet/simulator';
import type { FleetSimulatorOptions } from '@fleet/simulator';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { collectWebSocket, resultHostIds } from './live-query-clients';

const ONLINE = 700;
const OFFLINE = 300;
const HOSTS = ONLINE + OFFLINE;
const DISTRIBUTED_MS = 2000;
const SECRET = 'lq-wait-secret';

/**
 * Acceptance 3 of the results-routing issue: a campaign that waits 24 h, started with 1,000 simulated hosts of
 * which 300 are switched off; the client that started it goes away after the online hosts answered; the 300 come
 * back (the same machines, enrolling again as a rebooted osquery would) and answer; the kept results are complete
 * and hold one answer per host.
 */
describe('a live query that waits for offline hosts (ingest + api + live-query, simulated agents)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  const sims: FleetSimulator[] = [];
  const simulator = (hosts: number, firstIndex: number): FleetSimulator => {
    const options: FleetSimulatorOptions = {
      serverUrl: app.url, enrollSecret: SECRET, hosts, firstIndex, intervals: { distributedMs: DISTRIBUTED_MS },
      honorConfigIntervals: false, jitter: 0, rampMs: 2000,
    };
    const sim = new FleetSimulator(options);
    sims.push(sim);
    sim.start();
    return sim;
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const hostCount = async (): Promise<number> => Number((await db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM hosts'))[0]?.n ?? 0);

  beforeAll(async () => {
    db = await createTestDatabase('lq_wait', { osquery_async_host_collect_interval: '500ms', live_query_tick_interval: '200ms' });
    await db.dataSource.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [SECRET]);
    app = await startTestApp(db.config, {
      roles: ['ingest', 'api', 'live-query'],
      modules: [OsqueryIngestModule, ApiGatewayModule, LiveQueryModule],
      bodyLimits: ingestBodyLimits(db.config),
    });
    const user = await db.dataSource.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('admin', 'admin@example.com', 'x', 'admin')");
    token = newSessionToken(32);
    await db.dataSource.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(token)]);
    simulator(ONLINE, 0);
    const later = simulator(OFFLINE, ONLINE);
    await eventually('every simulated host to enroll', hostCount, (n) => n === HOSTS, 90_000, 200);
    await later.stop(); // switched off: these 300 stop checking in
  }, 150_000);

  afterAll(async () => {
    for (const sim of sims) await sim.stop();
    await app?.close();
    await db?.drop();
  });

  it('keeps the campaign open for the 300 switched-off hosts, which answer once each when they come back, after the client left', async () => {
    const [all] = await db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    const created = await api('POST', '/api/latest/fleet/queries/run', { query: 'SELECT * FROM osquery_info', selected: { labels: [all.id] }, wait: '24h' });
    expect(created.status).toBe(200);
    const id = created.body['campaign'].id as number;
    expect(created.body['campaign'].Metrics.TotalHosts).toBe(HOSTS);

    // The starting client sees the online hosts answer, then goes away.
    const seen = await collectWebSocket(app.url, token, id, (msgs) => resultHostIds(msgs).length >= ONLINE, 60_000);
    expect(new Set(resultHostIds(seen)).size).toBe(ONLINE);

    // The campaign's counts follow the answer stream within a tick of the live-query role.
    const waiting = { body: await eventually('the online answers counted', async () => (await api('GET', `/api/latest/fleet/queries/run/${id}`)).body,
      (b) => b['responded'] === ONLINE, 30_000, 200) };
    expect(waiting.body).toMatchObject({ campaign_id: id, status: 'running', targeted: HOSTS, responded: ONLINE, pending_count: OFFLINE });
    const offlineIds = (await db.dataSource.query<Array<{ id: number }>>('SELECT id FROM hosts ORDER BY id')).map((h) => h.id)
      .filter((hostId) => !resultHostIds(seen).includes(hostId));
    expect([...(waiting.body['pending_host_ids'] as number[])].sort((a, b) => a - b)).toEqual(offlineIds);
    expect(Date.parse(waiting.body['wait_until'] as string) - Date.now()).toBeGreaterThan(23 * 3600_000);

    // The same 300 machines come back.
    simulator(OFFLINE, ONLINE);
    const done = await eventually('the campaign to complete', async () => (await api('GET', `/api/latest/fleet/queries/run/${id}`)).body, (b) => b['status'] === 'completed', 90_000, 500);
    expect(done).toMatchObject({ responded: HOSTS, pending_count: 0, pending_host_ids: [] });
    expect(await hostCount()).toBe(HOSTS); // they came back as the same hosts

    // The kept results: every host once, read after the client left, in pages.
    const answers: Array<{ host_id: number; rows: unknown[]; error: string | null }> = [];
    for (let page = 0; ; page += 1) {
      const res = await api('GET', `/api/latest/fleet/queries/run/${id}/results?per_page=400&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body['count']).toBe(HOSTS);
      answers.push(...(res.body['results'] as typeof answers));
      if (!res.body['meta'].has_next_results) break;
    }
    expect(answers).toHaveLength(HOSTS);
    expect(new Set(answers.map((a) => a.host_id)).size).toBe(HOSTS);
    expect(answers.every((a) => a.error === null && a.rows.length === 1)).toBe(true);

    // More check-ins after the end add nothing.
    const before = sims.reduce((n, s) => n + s.snapshot().endpoints.distributed_read.requests, 0);
    await eventually('more check-ins', () => sims.reduce((n, s) => n + s.snapshot().endpoints.distributed_read.requests, 0), (n) => n >= before + HOSTS, 30_000, 200);
    const [kept] = await db.dataSource.query<Array<{ n: number; hosts: number }>>('SELECT COUNT(*) AS n, COUNT(DISTINCT host_id) AS hosts FROM campaign_results WHERE campaign_id = ?', [id]);
    expect([Number(kept.n), Number(kept.hosts)]).toEqual([HOSTS, HOSTS]);
  }, 240_000);
});
