/**
 * Live query across 10,000 simulated agents (issue 5, acceptance 6). Starts every role in this process (what
 * `fleet serve` runs) on its own database, enrolls 10,000 simulated hosts polling every 10 s, then runs one live
 * query to all of them and measures, from the moment the campaign was created, when 50/95/99/100% of the online
 * hosts' answers reached a websocket client (end to end: agent → ingest → Redis stream → gateway → client).
 * The agents run in a child process (the built osquery-perf simulator), so their CPU does not stall the server's
 * event loop; with `inprocess` as second argument they share this process instead (and agent-side answer
 * times are reported too).
 * Run: node tools/build.js && node dist/bench/live-query/live-query.bench.js [hosts] [inprocess]
 * Writes bench/results/live-query.json.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiGatewayModule } from '@fleet/api-gateway';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { LiveQueryModule } from '@fleet/live-query';
import { ingestBodyLimits, OsqueryIngestModule } from '@fleet/osquery-ingest';
import { FleetSimulator } from '@fleet/simulator';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import { watchCampaignAnswers } from '../load/admin-client';

const HOSTS = Number(process.argv[2] ?? 10_000);
const IN_PROCESS = process.argv[3] === 'inprocess';
const SIMULATOR = path.join(__dirname, '..', '..', 'libs', 'simulator', 'src', 'osquery-perf.main.js');
const DISTRIBUTED_MS = 10_000;
const RAMP_MS = 30_000;
const SECRET = 'bench-live-query';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: readonly number[], total: number, p: number): number | null => sorted[Math.max(1, Math.ceil(total * p)) - 1] ?? null;


async function main(): Promise<void> {
  const db = await createTestDatabase('bench_live_query', { osquery_async_host_collect_interval: '1s' });
  await db.dataSource.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [SECRET]);
  const app = await startTestApp(db.config, {
    roles: ['ingest', 'api', 'live-query'], modules: [OsqueryIngestModule, ApiGatewayModule, LiveQueryModule], bodyLimits: ingestBodyLimits(db.config),
  });
  const user = await db.dataSource.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('bench', 'bench@example.com', 'x', 'admin')");
  const token = newSessionToken(32);
  await db.dataSource.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(token)]);
  const sim = IN_PROCESS ? new FleetSimulator({ serverUrl: app.url, enrollSecret: SECRET, hosts: HOSTS, intervals: { distributedMs: DISTRIBUTED_MS }, honorConfigIntervals: false, rampMs: RAMP_MS }) : null;
  const child = IN_PROCESS ? null : spawn(process.execPath, [SIMULATOR, '--server_url', app.url, '--enroll_secret', SECRET, '--hosts', String(HOSTS),
    '--distributed_interval', String(DISTRIBUTED_MS / 1000), '--ramp', String(RAMP_MS / 1000), '--duration', '600', '--stats_every', '600'], { stdio: 'ignore' });
  const enrolled = async () => Number((await db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM hosts'))[0]?.n ?? 0);
  try {
    sim?.start();
    const enrollDeadline = Date.now() + RAMP_MS + 120_000;
    while ((await enrolled()) < HOSTS && Date.now() < enrollDeadline) await sleep(1000);
    await sleep(DISTRIBUTED_MS + 2000);
    const [all] = await db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    const t0 = Date.now();
    const res = await fetch(`${app.url}/api/latest/fleet/queries/run`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'SELECT * FROM osquery_info', selected: { labels: [all?.id] } }),
    });
    const { campaign } = (await res.json()) as { campaign: { id: number; Metrics: { OnlineHosts: number; TotalHosts: number } } };
    const online = campaign.Metrics.OnlineHosts;
    const arrivals = await watchCampaignAnswers(app.url, token, campaign.id, online, DISTRIBUTED_MS * 6);
    const times = [...arrivals.values()].map((t) => t - t0).sort((a, b) => a - b);
    const snap = sim?.snapshot();
    const result = {
      benchmark: 'live query to every host, answers received by a websocket client',
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      setup: { hosts: HOSTS, enrolled: await enrolled(), distributed_interval_ms: DISTRIBUTED_MS,
        roles: `ingest+api+live-query in one process (fleet serve), agents simulated ${IN_PROCESS ? 'in the same process' : 'by osquery-perf in a child process'}` },
      campaign: { targeted: campaign.Metrics.TotalHosts, online, answered: arrivals.size },
      ms_to_answered: { p50: percentile(times, online, 0.5), p95: percentile(times, online, 0.95), p99: percentile(times, online, 0.99), p100: percentile(times, online, 1) },
      /** The same, measured at the agents (when each simulated host posted its answer): isolates the server's fan-in delay. */
      ms_to_answered_at_agents: sim ? Object.fromEntries([0.5, 0.95, 0.99, 1].map((p) => [`p${Math.round(p * 100)}`, sim.timeToAnswered(`fleet_distributed_query_${campaign.id}`, p, online, t0) ?? null])) : null,
      distributed_read_latency_ms: snap?.endpoints.distributed_read.latencyMs ?? null,
    };
    const out = path.join(__dirname, '..', '..', '..', 'bench', 'results', 'live-query.json');
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    child?.kill('SIGTERM');
    await sim?.stop();
    await app.close();
    await db.drop();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
