import path from 'node:path';
import { FleetSimulator } from '@fleet/simulator';
import { AgentWindowTap, ENROLL_SECRET, RedisClusterProcess, createDatabase, freePort, logPath, sleep, startServer } from '@fleet/testing';
import type { AgentWindow, FleetServer } from '@fleet/testing';
import { liveQueryToAll } from './live-query-probe';
import type { LiveQueryOutcome } from './live-query-probe';
import { countResultLines } from './results-file-ledger';
import type { ResultLineCount } from './results-file-ledger';

export interface ClusterFailoverOptions {
  readonly fleetMain: string;
  readonly runDir: string;
  readonly hosts: number;
  /** Length of the run from the moment every host is enrolled; the master dies at its middle. */
  readonly minutes: number;
  /** Agents check in, ship logs and run their scheduled query this often (seconds). */
  readonly intervalSec: number;
  readonly log: (line: string) => void;
}

export interface ClusterFailoverResult {
  readonly hosts: number;
  readonly minutes: number;
  readonly intervalSec: number;
  readonly msToAllEnrolled: number | null;
  /** The master killed (the node the server was configured with) and how long until its replica served its slots. */
  readonly failover: { readonly killedPort: number; readonly promotedAfterMs: number; readonly atMinute: number };
  readonly liveQueries: { readonly beforeFailover: LiveQueryOutcome; readonly afterFailover: LiveQueryOutcome; readonly atEnd: LiveQueryOutcome };
  readonly lines: ResultLineCount;
  readonly nodeInvalid: number;
  /** Agent traffic before the kill, from the kill until the first live query after it ended, and after that. */
  readonly phases: { readonly before: AgentWindow; readonly failover: AgentWindow; readonly after: AgentWindow };
  /** Hosts whose seen time in MySQL moved past the kill (agent data queued in Redis streams kept reaching MySQL). */
  readonly hostsSeenAfterFailover: number;
  readonly serverRssMb: number | null;
  readonly durationSec: number;
}

const LIVE_QUERY_TIMEOUT_MS = 180_000;
const SQL = 'SELECT * FROM osquery_info';

/**
 * `hosts` simulated agents (in this process, so every result line can be counted by sequence number) against one
 * `fleet serve` (all roles) on a private Redis Cluster of three masters with a replica each, for `minutes`. A live
 * query to all hosts runs early on; at the middle of the run the master the server was given as its address is
 * killed (SIGKILL) and, once its replica serves its slots, a second live query to all runs, and a third near the
 * end. Then the agents stop and every line the server accepted is looked up in the result log.
 */
export async function runClusterFailover(o: ClusterFailoverOptions): Promise<ClusterFailoverResult> {
  const started = Date.now();
  const cluster = await RedisClusterProcess.start();
  const db = await createDatabase(o.fleetMain, 'cluster_failover', cluster.address);
  const resultLog = path.join(o.runDir, 'results.log');
  let server: FleetServer | undefined;
  let sim: FleetSimulator | undefined;
  try {
    await db.mysql.query('UPDATE app_config_json SET json_value = ? WHERE id = 1', [JSON.stringify({
      agent_options: { config: { options: { distributed_interval: o.intervalSec, logger_tls_period: o.intervalSec, pack_delimiter: '/' } } },
    })]);
    await db.mysql.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('uptime', '', 'SELECT * FROM uptime', ?, 'snapshot', 1)", [o.intervalSec]);
    server = await startServer({
      fleetMain: o.fleetMain, env: { ...db.env, FLEET_REDIS_CLUSTER: 'true' }, listen: `127.0.0.1:${await freePort()}`, logFile: logPath(o.runDir, 'cluster-server'),
      flags: { osquery_result_log_plugin: 'filesystem', filesystem_result_log_file: resultLog, osquery_status_log_plugin: 'filesystem', filesystem_status_log_file: path.join(o.runDir, 'status.log') },
      nodeArgs: ['--max-old-space-size=2048'],
    });
    const url = server.url;
    const setup = await fetch(`${url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
      admin: { name: 'bench', email: 'bench@example.com', password: 'Bench-passw0rd!!', password_confirmation: 'Bench-passw0rd!!' }, org_info: { org_name: 'Bench' }, server_url: url,
    }) });
    const token = String(((await setup.json()) as { token: string }).token);
    const [labels] = await db.mysql.query("SELECT id FROM labels WHERE name = 'All Hosts'");
    const labelId = Number((labels as Array<{ id: number }>)[0]?.id);
    sim = new FleetSimulator({
      serverUrl: url, enrollSecret: ENROLL_SECRET, hosts: o.hosts, rampMs: 30_000, seed: 7, connections: 128,
      // osquery's own timing but for the log backoff cap (--logger_tls_backoff_max=10), as in the fault runs.
      intervals: { loggerBackoffMaxMs: 10_000 }, onError: (e) => o.log(`[cluster] simulator: ${e instanceof Error ? e.message : String(e)}`),
    });
    const agents = sim;
    const tap = new AgentWindowTap(sim.stats);
    sim.start();
    const t0 = Date.now();
    let msToAllEnrolled: number | null = null;
    while (Date.now() - t0 < 180_000) {
      if (agents.hosts.every((h) => h.currentNodeKey !== '')) {
        msToAllEnrolled = Date.now() - t0;
        break;
      }
      await sleep(250);
    }
    o.log(`[cluster] ${o.hosts} hosts enrolled after ${msToAllEnrolled} ms; running ${o.minutes} min`);
    const runStart = Date.now();
    const at = (fraction: number): Promise<void> => sleep(Math.max(0, runStart + fraction * o.minutes * 60_000 - Date.now()));
    const run = (what: string): Promise<LiveQueryOutcome> => liveQueryToAll(url, token, labelId, SQL, LIVE_QUERY_TIMEOUT_MS).then((r) => {
      o.log(`[cluster] live query ${what}: ${r.answered} of ${r.expected} answered, ${r.completed ? `completed in ${r.completedMs} ms` : 'NOT completed'}`);
      return r;
    });
    await at(0.2);
    const beforeFailover = await run('before the failover');
    await at(0.5);
    const before = tap.take();
    const k0 = Date.now();
    const killedPort = await cluster.killMaster(Number(cluster.address.split(':')[1]));
    const promotedAfterMs = Date.now() - k0;
    const killedAt = new Date(k0);
    o.log(`[cluster] master ${killedPort} killed; its replica served its slots after ${promotedAfterMs} ms`);
    const afterFailover = await run('after the failover');
    const failover = tap.take();
    await at(0.9);
    const atEnd = await run('near the end');
    await at(1);
    await sim.stop();
    const after = tap.take();
    // The destination writes what it accepted within a few seconds; wait until nothing accepted is missing.
    let lines = countResultLines(agents.hosts, resultLog);
    for (const deadline = Date.now() + 60_000; lines.lost > 0 && Date.now() < deadline; lines = countResultLines(agents.hosts, resultLog)) await sleep(1000);
    const [seen] = await db.mysql.query('SELECT COUNT(*) AS n FROM host_seen_times WHERE seen_time > ?', [killedAt]);
    o.log(`[cluster] lines: ${JSON.stringify(lines)}; node_invalid ${tap.nodeInvalidSoFar}`);
    return {
      hosts: o.hosts, minutes: o.minutes, intervalSec: o.intervalSec, msToAllEnrolled,
      failover: { killedPort, promotedAfterMs, atMinute: Math.round((k0 - runStart) / 6000) / 10 },
      liveQueries: { beforeFailover, afterFailover, atEnd }, lines, nodeInvalid: tap.nodeInvalidSoFar, phases: { before, failover, after },
      hostsSeenAfterFailover: Number((seen as Array<{ n: number }>)[0]?.n), serverRssMb: server.rssMb() ?? null, durationSec: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await sim?.stop();
    await server?.stop();
    await db.drop();
    await cluster.stop();
  }
}
