import { ApiGatewayModule } from '@fleet/api-gateway';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { LiveQueryModule } from '@fleet/live-query';
import { ingestBodyLimits, OsqueryIngestModule } from '@fleet/osquery-ingest';
import { FleetSimulator } from '@fleet/simulator';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { collectSse, collectWebSocket, resultHostIds } from './live-query-clients';

const HOSTS = 1000;
const DISTRIBUTED_MS = 2000;
const SECRET = 'lq-e2e-secret';

const until = (cond: () => Promise<boolean>, timeoutMs: number, what: string) => eventually(what, cond, (ok) => ok, timeoutMs, 200);

/**
 * Acceptance 1 and 3 of issue 5: every role in one process, 1,000 simulated agents polling every 2 s, a live
 * query to all of them streamed to a websocket and an SSE client; then 50 concurrent single-host campaigns.
 */
describe('live queries at fleet scale (ingest + api + live-query, simulated agents)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sim: FleetSimulator;
  let token: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    db = await createTestDatabase('lq_fleet', { osquery_async_host_collect_interval: '500ms', live_query_tick_interval: '200ms' });
    await db.dataSource.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [SECRET]);
    app = await startTestApp(db.config, {
      roles: ['ingest', 'api', 'live-query'],
      modules: [OsqueryIngestModule, ApiGatewayModule, LiveQueryModule],
      bodyLimits: ingestBodyLimits(db.config),
    });
    const user = await db.dataSource.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('admin', 'admin@example.com', 'x', 'admin')");
    token = newSessionToken(32);
    await db.dataSource.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(token)]);
    sim = new FleetSimulator({ serverUrl: app.url, enrollSecret: SECRET, hosts: HOSTS, intervals: { distributedMs: DISTRIBUTED_MS }, honorConfigIntervals: false, jitter: 0, rampMs: 2000 });
    sim.start();
    await until(async () => {
      const [r] = await db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM hosts');
      return Number(r.n) === HOSTS;
    }, 60_000, 'every simulated host to enroll');
    // The first check-ins after enroll carry every detail, label and software query; the campaign is timed
    // against a fleet that has finished that round, not one still writing 1,000 first inventories.
    await until(async () => {
      const [r] = await db.dataSource.query<Array<{ details: number; software: number }>>(
        `SELECT (SELECT COUNT(*) FROM hosts WHERE detail_updated_at > '2000-01-01' AND label_updated_at > '2000-01-01') AS details,
                (SELECT COUNT(DISTINCT host_id) FROM host_software) AS software`,
      );
      return Number(r.details) === HOSTS && Number(r.software) === HOSTS;
    }, 60_000, 'every host to report its details, labels and software');
  }, 150_000);

  afterAll(async () => {
    await sim?.stop();
    await app?.close();
    await db?.drop();
  });

  it('delivers ≥99% of online hosts\' rows to a websocket client within the distributed interval + 2 s, and the same rows over SSE', async () => {
    const [all] = await db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    const t0 = Date.now();
    const created = await api('POST', '/api/latest/fleet/queries/run', { query: 'SELECT * FROM osquery_info', selected: { labels: [all.id] } });
    expect(created.status).toBe(200);
    const id = created.body['campaign'].id as number;
    expect(created.body['campaign'].Metrics).toMatchObject({ TotalHosts: HOSTS, OnlineHosts: HOSTS, OfflineHosts: 0 });
    const isFinal = (m: { type: string; data: unknown }) => m.type === 'status' && (m.data as { status: string }).status === 'finished';
    const [wsMsgs, sseMsgs] = await Promise.all([
      collectWebSocket(app.url, token, id, (msgs) => resultHostIds(msgs).length >= HOSTS && msgs.some(isFinal), 30_000),
      collectSse(app.url, token, id, 30_000),
    ]);
    expect(wsMsgs[0]).toMatchObject({ type: 'totals', data: { count: HOSTS, online: HOSTS, offline: 0, missing_in_action: 0 } });
    const inTime = wsMsgs.filter((m) => m.type === 'result' && m.at - t0 <= DISTRIBUTED_MS + 2000);
    expect(inTime.length).toBeGreaterThanOrEqual(Math.ceil(HOSTS * 0.99));
    const wsHosts = resultHostIds(wsMsgs);
    expect(new Set(wsHosts).size).toBe(HOSTS);
    const first = wsMsgs.find((m) => m.type === 'result')!.data as { rows: Array<Record<string, string>> };
    expect(first.rows[0]).toHaveProperty('host_hostname');
    expect(first.rows[0]).toHaveProperty('version');
    // SSE: same rows, each event with its stream id, increasing; the response ended after the final status.
    expect(resultHostIds(sseMsgs).sort((a, b) => a - b)).toEqual([...wsHosts].sort((a, b) => a - b));
    expect(sseMsgs.every((m) => /^\d+-\d+$/.test(m.id ?? ''))).toBe(true);
    expect(sseMsgs.at(-1)).toMatchObject({ type: 'status', data: { status: 'finished', actual_results: HOSTS, expected_results: HOSTS } });
    await until(async () => {
      const [row] = await db.dataSource.query<Array<{ status: string }>>('SELECT status FROM distributed_query_campaigns WHERE id = ?', [id]);
      return row.status === 'completed';
    }, 10_000, 'the campaign row to complete');
    const [row] = await db.dataSource.query<Array<Record<string, number>>>('SELECT responded_count, failed_count, rows_count FROM distributed_query_campaigns WHERE id = ?', [id]);
    expect(row).toMatchObject({ responded_count: HOSTS, failed_count: 0, rows_count: HOSTS });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/fleet_live_query_campaigns_finished_total\{status="completed"[^}]*\} 1/);
  }, 60_000);

  it('completes 50 concurrent single-host campaigns while the other hosts keep checking in quickly', async () => {
    const hosts = await db.dataSource.query<Array<{ id: number }>>('SELECT id FROM hosts ORDER BY id LIMIT 50');
    // Check-in latency of this window only: the enroll ramp and the campaign to all hosts before it are not
    // "the other hosts keep checking in quickly".
    const mark = sim.mark();
    const created = await Promise.all(hosts.map((h) => api('POST', '/api/latest/fleet/queries/run', { query: 'SELECT name, version FROM deb_packages', selected: { hosts: [h.id] } })));
    expect(created.map((c) => c.status)).toEqual(hosts.map(() => 200));
    const ids = created.map((c) => c.body['campaign'].id as number);
    await until(async () => {
      const rows = await db.dataSource.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM distributed_query_campaigns WHERE id IN (?) AND status = 'completed'", [ids]);
      return Number(rows[0].n) === ids.length;
    }, DISTRIBUTED_MS * 3 + 5000, 'all 50 campaigns to complete');
    const window = sim.endpointsSince(mark);
    expect(window.distributed_read.requests).toBeGreaterThan(HOSTS / 4);
    // 20-30 ms on this machine with nothing else running, as without the campaigns; 180-460 ms (and 1,060 ms in
    // a CI run) when every check-in asked Redis about all 50 campaigns.
    expect(window.distributed_read.latencyMs.p99).toBeLessThan(250);
    const all = sim.snapshot().endpoints;
    expect(all.distributed_read.errorBodies + all.distributed_write.errorBodies).toBe(0);
  }, 60_000);
});
