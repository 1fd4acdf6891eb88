import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { FLEET_BIN, freePort, runScript, startFleet } from '../support/fleet-process';
import type { RunningFleet } from '../support/fleet-process';
import { startNginx } from '../support/nginx';
import type { RunningNginx } from '../support/nginx';

const ROOT = join(__dirname, '..', '..');

/**
 * Release N+1 is this build plus one schema change in two steps, loaded into `fleet` before it starts (as a
 * new release's migrations list would hold them): expand adds a nullable column to the busiest table and a new
 * table; contract drops a table only release N used.
 */
const NEXT_RELEASE_PRELOAD = `
const { MIGRATIONS } = require(${JSON.stringify(join(ROOT, 'dist', 'libs', 'persistence', 'src', 'migrations', 'index.js'))});
class UpgradeNoteExpand1799100000000 {
  constructor() { this.name = 'UpgradeNoteExpand1799100000000'; }
  async up(q) {
    await q.query('ALTER TABLE hosts ADD COLUMN upgrade_note VARCHAR(64) NULL');
    await q.query('CREATE TABLE upgrade_probe (id INT UNSIGNED NOT NULL PRIMARY KEY, note VARCHAR(64) NULL)');
  }
  async down(q) { await q.query('DROP TABLE upgrade_probe'); await q.query('ALTER TABLE hosts DROP COLUMN upgrade_note'); }
}
class LegacyContract1799100000001 {
  constructor() { this.name = 'LegacyContract1799100000001'; this.phase = 'contract'; }
  async up(q) { await q.query('DROP TABLE upgrade_legacy'); }
  async down(q) { await q.query('CREATE TABLE upgrade_legacy (id INT PRIMARY KEY)'); }
}
MIGRATIONS.push(UpgradeNoteExpand1799100000000, LegacyContract1799100000001);
`;

/** Agent-facing and admin requests through nginx while the releases change underneath, every failure counted. */
class AdminTraffic {
  requests = 0;
  readonly failures: string[] = [];
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly url: string, private readonly token: string) {}

  start(): void {
    this.loop = (async () => {
      const paths = ['/api/latest/fleet/hosts?per_page=50', '/api/latest/fleet/config', '/api/latest/fleet/labels', '/api/latest/fleet/host_summary'];
      for (let i = 0; this.running; i += 1) {
        const path = paths[i % paths.length] ?? '/';
        try {
          const res = await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
          await res.arrayBuffer();
          if (res.status !== 200) this.failures.push(`${path}: HTTP ${res.status}`);
        } catch (err) {
          this.failures.push(`${path}: ${(err as Error).message}`);
        }
        this.requests += 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

describe('a rolling upgrade with a schema change, behind nginx', () => {
  const database = `fleet_test_upgrade_${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), 'fleet-upgrade-'));
  const preload = join(work, 'next-release.js');
  let mysql: Connection;
  let releaseN: RunningFleet | undefined;
  let releaseNext: RunningFleet | undefined;
  let nginx: RunningNginx | undefined;
  let simulator: FleetSimulator | undefined;
  let admin: AdminTraffic | undefined;
  const env = {
    FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: database,
    FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: `${database}:`, FLEET_LOGGING_JSON: 'true',
    FLEET_OSQUERY_ASYNC_HOST_COLLECT_INTERVAL: '500ms',
  };
  const nextEnv = { ...env, NODE_OPTIONS: `--require ${preload}` };

  const counted = async (addr: string): Promise<number> => {
    const text = await (await fetch(`http://${addr}/metrics`)).text();
    return [...text.matchAll(/^http_requests_total\{handler="\/api\/(?:v1\/osquery|latest\/fleet)[^"]*"[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  };
  const tables = async () => (await mysql.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [database]))[0] as Array<{ t: string }>;
  const migrate = async (phase: string, withNext: boolean) => {
    const res = await runScript(FLEET_BIN, ['prepare', 'db', '--no-prompt', '--phase', phase], { env: withNext ? nextEnv : env, timeoutMs: 60_000 });
    if (res.code !== 0) throw new Error(`fleet prepare db --phase ${phase} failed:\n${res.stdout}\n${res.stderr}`);
    return res.stdout;
  };

  beforeAll(async () => {
    writeFileSync(preload, NEXT_RELEASE_PRELOAD);
    mysql = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    await mysql.query(`CREATE DATABASE \`${database}\``);
    await mysql.query(`USE \`${database}\``);
  });

  afterAll(async () => {
    await simulator?.stop();
    await admin?.stop();
    await nginx?.stop();
    await releaseN?.stop();
    await releaseNext?.stop();
    await mysql.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await mysql.end();
  });

  it('keeps serving agents and admins with zero failed requests: expand, start N+1, stop N, contract', async () => {
    // Release N, installed: its schema, a table only it uses, a first admin and an enroll secret.
    await migrate('all', false);
    await mysql.query('CREATE TABLE upgrade_legacy (id INT PRIMARY KEY)');
    await mysql.query("INSERT INTO enroll_secrets (secret, team_id) VALUES ('upgrade-secret', NULL)");
    const addrN = `127.0.0.1:${await freePort()}`;
    const addrNext = `127.0.0.1:${await freePort()}`;
    releaseN = await startFleet(['serve', '--server_tls=false', `--server_address=${addrN}`], env, 'listening on');
    // The load balancer knows both addresses from the start, as a Service does its endpoints: a refused
    // connection, or a 503 from a server that is shutting down, is retried on the other one.
    nginx = await startNginx({ port: await freePort(), upstreams: [addrN, addrNext], failTimeout: '1s', nextUpstream: 'error timeout http_502 http_503 non_idempotent' });
    const setup = await fetch(`${nginx.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ admin: { email: 'admin@example.com', name: 'Admin', password: 'Upgrade-passw0rd!' }, org_info: { org_name: 'Upgrade' } }) });
    const { token } = (await setup.json()) as { token: string };
    expect(token).toBeTruthy();

    simulator = new FleetSimulator({
      serverUrl: nginx.url, enrollSecret: 'upgrade-secret', hosts: 40, rampMs: 1000, connections: 64, seed: 17,
      intervals: { distributedMs: 1000, configRefreshMs: 3000, loggerMs: 2000 }, honorConfigIntervals: false,
    });
    simulator.start();
    admin = new AdminTraffic(nginx.url, token);
    admin.start();
    await eventually('every simulated host enrolled', () => simulator?.snapshot().hosts.enrolled ?? 0, (n) => n === 40);

    // Expand while N serves: N+1's additive change lands under N's traffic; N does not notice.
    const beforeExpand = await counted(addrN);
    expect(await migrate('expand', true)).toContain('Contract migrations left for after the rollout: LegacyContract1799100000001');
    const [hostColumns] = await mysql.query("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'hosts' AND column_name = 'upgrade_note'");
    expect(hostColumns).toHaveLength(1);
    await eventually('release N serving on the expanded schema', () => counted(addrN), (n) => n > beforeExpand + 100);

    // N+1 starts beside N (its contract step still pending) and takes its share through nginx.
    releaseNext = await startFleet(['serve', '--server_tls=false', `--server_address=${addrNext}`], nextEnv, 'listening on');
    await eventually('release N+1 serving agents through nginx', () => counted(addrNext), (n) => n > 100);

    // N stops (SIGTERM: stops accepting, finishes what it has); nginx sends everything to N+1.
    const servedByN = await counted(addrN);
    expect(await releaseN.stop('SIGTERM')).toBe(0);
    releaseN = undefined;
    const afterStop = await counted(addrNext);
    await eventually('release N+1 serving alone', () => counted(addrNext), (n) => n > afterStop + 200);

    // No server of release N is left: contract.
    expect(await migrate('contract', true)).toContain('Applied 1 migration(s) (contract phase).');
    expect((await tables()).map((r) => r.t)).not.toContain('upgrade_legacy');
    const afterContract = await counted(addrNext);
    await eventually('release N+1 serving after the contract step', () => counted(addrNext), (n) => n > afterContract + 100);
    // Enough traffic overall that the zero-failure check below means something, however slow the machine is.
    await eventually('over 1,000 agent requests across the upgrade', () => simulator?.snapshot().totals.requests ?? 0, (n) => n > 1000);

    await simulator.stop();
    await admin.stop();
    const stats = simulator.snapshot();
    const agentFailures = Object.entries(stats.endpoints).flatMap(([name, e]) => (e.errorBodies + e.nonJson + e.transportErrors + e.httpErrors + e.nodeInvalid > 0 ? [`${name}: ${JSON.stringify(e)}`] : []));
    expect({ agentFailures, adminFailures: admin.failures }).toEqual({ agentFailures: [], adminFailures: [] });
    expect(stats.totals.requests).toBeGreaterThan(1000);
    expect(admin.requests).toBeGreaterThan(100);
    expect(servedByN).toBeGreaterThan(100);
    process.stdout.write(`rolling upgrade: ${stats.totals.requests} agent requests and ${admin.requests} admin requests, 0 failed (release N served ${servedByN})\n`);
  }, 180_000);
});

