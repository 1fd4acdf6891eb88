import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayModule } from '@fleet/api-gateway';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { LiveQueryModule } from '@fleet/live-query';
import { ingestBodyLimits, OsqueryIngestModule } from '@fleet/osquery-ingest';
import { FleetSimulator, SEQUENCE_DECORATION } from '@fleet/simulator';
import { createTestDatabase, eventually, readJsonLines, RedisClusterProcess, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { collectWebSocket, resultHostIds } from './live-query-clients';

const HOSTS = 300;
const DISTRIBUTED_MS = 2000;
const SECRET = 'cluster-secret';

/**
 * The whole product on a Redis Cluster (three masters with a replica each, real redis-server processes): agents
 * enroll, check in and send result logs, a live query to every host completes, agent data reaches MySQL; then the
 * master the product was configured with is killed (its replica promoted) mid-run and all of it goes on: no
 * `node_invalid`, no accepted result line lost, agent data still reaches MySQL, the next live query reaches every host.
 */
describe('the product on a Redis Cluster, with a master killed mid-run', () => {
  let cluster: RedisClusterProcess;
  let db: TestDatabase;
  let app: TestApp;
  let sim: FleetSimulator;
  let token: string;
  const logDir = mkdtempSync(join(tmpdir(), 'fleet-cluster-logs-'));
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const liveQueryToAll = async (): Promise<number> => {
    const [all] = await db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    const created = await api('POST', '/api/latest/fleet/queries/run', { query: 'SELECT * FROM osquery_info', selected: { labels: [all?.id] } });
    expect(created.status).toBe(200);
    const id = created.body['campaign'].id as number;
    const msgs = await collectWebSocket(app.url, token, id, (m) => new Set(resultHostIds(m)).size >= HOSTS, 60_000);
    return new Set(resultHostIds(msgs)).size;
  };

  beforeAll(async () => {
    cluster = await RedisClusterProcess.start();
    db = await createTestDatabase('redis_cluster', {
      redis_address: cluster.address, redis_cluster: true, osquery_async_host_collect_interval: '500ms', live_query_tick_interval: '200ms',
      osquery_result_log_plugin: 'filesystem', filesystem_result_log_file: join(logDir, 'results.log'),
    });
    await db.dataSource.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [SECRET]);
    // Every host runs a scheduled query each second (automations on: its results are logged).
    await db.dataSource.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('uptime', '', 'SELECT * FROM uptime', 1, 'snapshot', 1)");
    app = await startTestApp(db.config, {
      roles: ['ingest', 'api', 'live-query'],
      modules: [OsqueryIngestModule, ApiGatewayModule, LiveQueryModule],
      bodyLimits: ingestBodyLimits(db.config),
    });
    const user = await db.dataSource.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('admin', 'admin@example.com', 'x', 'admin')");
    token = newSessionToken(32);
    await db.dataSource.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(token)]);
    sim = new FleetSimulator({ serverUrl: app.url, enrollSecret: SECRET, hosts: HOSTS, intervals: { distributedMs: DISTRIBUTED_MS, loggerMs: 1000, configRefreshMs: 2000 }, honorConfigIntervals: false, jitter: 0, rampMs: 2000 });
    sim.start();
    await eventually('every simulated host to enroll', async () => Number((await db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM hosts'))[0]?.n), (n) => n === HOSTS, 90_000, 200);
    // And every agent holds its node key: on a loaded machine an enroll the server completed can still time out at the
    // agent, which then enrolls again after osquery's i² s back-off and is silent until it has.
    await eventually('every simulated agent to hold a node key', () => sim.hosts.filter((h) => h.currentNodeKey === '').length, (n) => n === 0, 120_000, 200);
  }, 240_000);

  afterAll(async () => {
    await sim?.stop();
    await app?.close();
    await db?.drop();
    await cluster?.stop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('serves agents, live queries and agent data on the cluster', async () => {
    expect(await liveQueryToAll()).toBe(HOSTS);
    await eventually('agent data in MySQL', async () => Number((await db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM host_seen_times'))[0]?.n), (n) => n === HOSTS, 30_000, 200);
    const snap = sim.snapshot();
    expect(snap.endpoints.distributed_read.errorBodies + snap.endpoints.distributed_write.errorBodies + snap.endpoints.log.errorBodies).toBe(0);
  }, 120_000);

  it('goes on when a master dies: its replica takes over, no node_invalid, no result line lost, the next live query completes', async () => {
    /** Sequence numbers (the simulator's `sim_seq` decoration) of the result lines written, per host. */
    const written = (): Map<string, Set<number>> => {
      const out = new Map<string, Set<number>>();
      for (const l of readJsonLines<{ hostIdentifier?: string; decorations?: Record<string, string> }>(join(logDir, 'results.log'))) {
        const seqs = out.get(l.hostIdentifier ?? '') ?? new Set<number>();
        seqs.add(Number(l.decorations?.[SEQUENCE_DECORATION]));
        out.set(l.hostIdentifier ?? '', seqs);
      }
      return out;
    };
    /** Lines the server accepted (1 … acknowledgedSequence of each host) that are not in the file. */
    const lost = (): number => {
      const seen = written();
      return sim.hosts.reduce((n, h) => {
        const got = seen.get(h.hostIdentifier);
        for (let s = 1; s <= h.acknowledgedSequence; s++) if (!got?.has(s)) n++;
        return n;
      }, 0);
    };
    await eventually('scheduled query results logged', () => written().size, (n) => n === HOSTS, 60_000, 200);
    const before = sim.snapshot();
    const acknowledgedBefore = sim.hosts.reduce((n, h) => n + h.acknowledgedSequence, 0);
    // The master the product was given as its one address (the worst case): every client the product creates after
    // this finds the cluster through the nodes it learned, not through its configuration.
    await cluster.killMaster(Number(cluster.address.split(':')[1]));
    const failedOverAt = new Date();
    const after = sim.snapshot();
    // Agents keep checking in after the failover, without being told to re-enroll.
    await eventually('check-ins after the failover', () => sim.snapshot().endpoints.distributed_read.requests, (n) => n >= after.endpoints.distributed_read.requests + 2 * HOSTS, 60_000, 200);
    expect(await liveQueryToAll()).toBe(HOSTS);
    // Agent data queued in Redis streams still reaches MySQL: every host's seen time moves past the failover.
    await eventually('seen times written after the failover', async () => Number((await db.dataSource.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM host_seen_times WHERE seen_time > ?', [failedOverAt]))[0]?.n), (n) => n === HOSTS, 60_000, 200);
    // Result lines go on being accepted after the failover, and every accepted line, before and after, is written.
    await eventually('result lines accepted after the failover', () => sim.hosts.reduce((n, h) => n + h.acknowledgedSequence, 0), (n) => n >= acknowledgedBefore + 2 * HOSTS, 60_000, 200);
    await sim.stop();
    await eventually('every accepted result line written', lost, (n) => n === 0, 60_000, 200);
    expect(sim.snapshot().totals.nodeInvalid).toBe(before.totals.nodeInvalid);
  }, 240_000);
});
