/**
 * Vulnerability processing at fleet scale (issue 15): 100,000 hosts × 300 software items (30 M host_software
 * rows; platforms, OS versions and a per-platform catalogue with realistic overlap, see catalogue.ts) and
 * synthetic feeds in the real formats at a realistic size (feeds.ts).
 *
 * It seeds the database, starts the api role and the live-query role as separate `fleet serve --role`
 * processes (the schedule runs in the live-query role, as in production), measures the api role's latency on
 * the software and vulnerability endpoints while idle, during the first full run, idle again, and during an
 * incremental run after 1 % of the hosts reported a changed inventory (through the software writer) and 1 %
 * of the application CVEs changed in NVD. Every list answer of the incremental phase is checked to be non-empty
 * (results are swapped in, never cleared first). Writes bench/results/vulnerabilities.json.
 *
 * Targets: first run ≤ 15 min, incremental ≤ 1 min, api p95 during a run ≤ 2× idle.
 *
 * Run: node tools/build.js --out .build/vulnbench && node .build/vulnbench/bench/vulnerabilities/vulnerabilities.bench.js
 *   [--hosts 100000] [--per-host 300] [--cves 250000] [--cpe-filler 200000] [--buffer-pool-gb 4] [--keep-db] [--label TEXT]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { processEnv } from '@fleet/config';
import type { SoftwareItem } from '@fleet/domain';
import { MysqlAgentDataRepository } from '@fleet/persistence';
import type { DataSource } from '@fleet/persistence';
import { createTestDatabase } from '@fleet/testing';
import { ROOT, stopChild, waitHealthy } from '../load/processes';
import type { CatalogueTitle, Platform } from './catalogue';
import { changeNvd, writeFeeds } from './feeds';
import { ApiProbe } from './probe';
import type { PhaseFigures, ProbeEndpoint } from './probe';
import { seedFleet } from './seed';
import type { SeededFleet } from './seed';

const FLEET_BIN = path.resolve(__dirname, '..', '..', 'apps', 'fleet', 'src', 'main.js');
const API_PORT = 18471;
const LQ_PORT = 18472;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const log = (msg: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Run {
  readonly id: number;
  readonly seconds: number;
  readonly status: string;
  readonly stats: Record<string, unknown> | null;
  readonly errors: unknown;
}

function startRole(role: 'api' | 'live-query', port: number, db: string, prefix: string, feeds: string, logDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    PATH: processEnv()['PATH'] ?? '/usr/bin:/bin', FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: db,
    FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: prefix,
  };
  return spawn(process.execPath, ['--max-old-space-size=6144', FLEET_BIN, 'serve', '--role', role, '--server_tls=false', `--server_address=127.0.0.1:${port}`,
    `--vulnerabilities_databases_path=${feeds}`, '--vulnerabilities_disable_data_sync=true', '--logging_disable_banner',
    `--filesystem_status_log_file=${logDir}/status.log`, `--filesystem_result_log_file=${logDir}/result.log`],
  { env, stdio: ['ignore', openSync(path.join(logDir, `${role}.log`), 'a'), openSync(path.join(logDir, `${role}.err`), 'a')] });
}

/** Waits for the vulnerabilities run after `afterId` to complete; answers it. */
async function waitRun(ds: DataSource, afterId: number, onProgress: (stats: Record<string, unknown> | null) => void): Promise<Run> {
  for (;;) {
    const rows = await ds.query<Array<Record<string, unknown>>>(
      "SELECT id, status, stats, errors, TIMESTAMPDIFF(MICROSECOND, created_at, updated_at) / 1e6 AS s FROM cron_stats WHERE name = 'vulnerabilities' AND id > ? ORDER BY id LIMIT 1", [afterId]);
    const r = rows[0];
    const stats = r?.['stats'] ? (typeof r['stats'] === 'string' ? JSON.parse(r['stats']) as Record<string, unknown> : r['stats'] as Record<string, unknown>) : null;
    if (r && r['status'] !== 'pending' && r['status'] !== 'queued') {
      return { id: Number(r['id']), seconds: Number(r['s']), status: String(r['status']), stats, errors: r['errors'] };
    }
    onProgress(stats);
    await sleep(2000);
  }
}

const peakRss = (pid: number | undefined): number | null => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

/** 1 % of the hosts move one core title to a version no host had (one new software version per title and platform). */
function changedInventories(fleet: SeededFleet, hosts: number): Array<[number, SoftwareItem[]]> {
  const out: Array<[number, SoftwareItem[]]> = [];
  for (let i = 37; i < hosts; i += 100) {
    const inv = fleet.inventory(i);
    const cat = fleet.catalogues.get(inv.platform) as readonly CatalogueTitle[];
    const items = inv.items.map(([t, v]) => fleet.itemOf(inv.platform, t, v));
    const k = inv.items.findIndex(([t]) => (cat[t]).core && t === (Math.floor(i / 100) % 20));
    const at = k >= 0 ? k : 0;
    const old = items[at];
    items[at] = upgraded(inv.platform, old);
    out.push([i + 1, items]);
  }
  return out;
}

function upgraded(platform: Platform, s: SoftwareItem): SoftwareItem {
  switch (platform) {
    case 'ubuntu': return { ...s, version: `${s.version}build1` };
    case 'rhel': return { ...s, release: `${s.release ?? ''}.1` };
    case 'darwin': case 'windows': return { ...s, version: `${s.version}.1` };
  }
}

async function main(): Promise<void> {
  const hosts = arg('hosts', 100_000);
  const perHost = arg('per-host', 300);
  const totalCves = arg('cves', 250_000);
  const cpeFiller = arg('cpe-filler', 200_000);
  const bufferPoolGb = arg('buffer-pool-gb', 4);
  const idleSeconds = arg('idle-seconds', 60);
  const label = process.argv.find((_, i) => process.argv[i - 1] === '--label') ?? '';
  const started = Date.now();
  const work = path.join(os.tmpdir(), `fleet-vuln-bench-${process.pid}`);
  const feedsDir = path.join(work, 'feeds');
  const logDir = path.join(work, 'logs');
  mkdirSync(feedsDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  log(`work dir ${work}`);

  const db = await createTestDatabase('bench_vuln');
  const ds = db.dataSource;
  const [{ v: poolBefore }] = await ds.query<Array<{ v: string }>>('SELECT @@GLOBAL.innodb_buffer_pool_size AS v');
  const children: ChildProcess[] = [];
  try {
    if (bufferPoolGb > 0) await ds.query(`SET GLOBAL innodb_buffer_pool_size = ${Math.round(bufferPoolGb * 2 ** 30)}`);
    const [{ v: poolNow }] = await ds.query<Array<{ v: string }>>('SELECT @@GLOBAL.innodb_buffer_pool_size AS v');
    log(`innodb_buffer_pool_size ${Number(poolNow) / 2 ** 20} MiB (was ${Number(poolBefore) / 2 ** 20} MiB)`);

    const fleet = await seedFleet(ds, { hosts, perHost, log });
    log(`seeded in ${fleet.seconds.toFixed(0)} s`);
    const f0 = Date.now();
    const feeds = writeFeeds({ dir: feedsDir, totalCves, dictionaryFiller: cpeFiller }, fleet.catalogues);
    const feedSeconds = (Date.now() - f0) / 1000;
    log(`feeds: ${feeds.cves} CVEs (${feeds.relevantCves} on the catalogue's applications), ${feeds.ovalDefinitions} OVAL definitions, ${feeds.msrcCves} MSRC CVEs, ${(feeds.bytes / 2 ** 20).toFixed(0)} MiB in ${feedSeconds.toFixed(0)} s`);

    const user = await ds.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('bench', 'bench@example.com', 'x', 'admin')");
    const token = newSessionToken(32);
    await ds.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(token)]);

    const prefix = `${db.name}:`;
    const api = startRole('api', API_PORT, db.name, prefix, feedsDir, logDir);
    children.push(api);
    await waitHealthy(`http://127.0.0.1:${API_PORT}`, 120_000);
    const base = `http://127.0.0.1:${API_PORT}/api/latest/fleet`;
    // The CVE on most hosts once the first run found them (404 before it).
    let someCve = feeds.applicationCves[0] ?? 'CVE-2021-10000';
    const hostIds = (n: number): number => ((n * 7919) % hosts) + 1;
    const list = (key: string) => (b: unknown): number => ((b as Record<string, unknown[] | undefined>)[key] ?? []).length;
    const endpoints: ProbeEndpoint[] = [
      { name: 'software titles (most installed)', url: (n) => `${base}/software/titles?per_page=20&page=${n % 5}&order_key=hosts_count&order_direction=desc`, entries: list('software_titles') },
      { name: 'software titles vulnerable', url: () => `${base}/software/titles?per_page=20&vulnerable=true&order_key=hosts_count&order_direction=desc`, entries: list('software_titles') },
      { name: 'software titles, team, min_cvss_score', url: (n) => `${base}/software/titles?per_page=20&team_id=${(n % 5) + 1}&vulnerable=true&min_cvss_score=7`, entries: list('software_titles') },
      { name: 'software versions vulnerable', url: () => `${base}/software/versions?per_page=20&vulnerable=true&order_key=hosts_count&order_direction=desc`, entries: list('software') },
      { name: 'vulnerabilities (most hosts)', url: () => `${base}/vulnerabilities?per_page=20&order_key=hosts_count&order_direction=desc`, entries: list('vulnerabilities') },
      { name: 'vulnerabilities exploit', url: (n) => `${base}/vulnerabilities?per_page=20&exploit=true&team_id=${(n % 5) + 1}` },
      { name: 'vulnerability detail', url: () => `${base}/vulnerabilities/${someCve}`, accept: [200, 204, 404] },
      { name: 'host software', url: (n) => `${base}/hosts/${hostIds(n)}/software?per_page=20&vulnerable=true` },
      { name: 'os versions', url: () => `${base}/os_versions?max_vulnerabilities=3`, entries: list('os_versions') },
      { name: 'software title search', url: (n) => `${base}/software/titles?per_page=20&query=${['ka', 'lo', 'mi', 'pe', 'CVE-2024'][n % 5] ?? 'ka'}` },
    ];
    const probe = new ApiProbe(endpoints, token);
    probe.start('idle_before');
    await sleep(idleSeconds * 1000);

    // First run: starting the live-query role starts it (the schedule has never run).
    log('first run: starting the live-query role');
    probe.setPhase('first_run');
    const lqStarted = Date.now();
    const lq = startRole('live-query', LQ_PORT, db.name, prefix, feedsDir, logDir);
    children.push(lq);
    let lastPhase = '';
    const progress = (s: Record<string, unknown> | null): void => {
      const m = s?.['matching'] as Record<string, number> | undefined;
      const phase = s?.['phase'];
      const line = `${typeof phase === 'string' ? phase : 'starting'} ${m ? `${m['chunks_done']}/${m['chunks_total']} chunks` : ''}`;
      if (line !== lastPhase) log(`  ${line} (${((Date.now() - lqStarted) / 1000).toFixed(0)} s)`);
      lastPhase = line;
    };
    const first = await waitRun(ds, 0, progress);
    const firstWall = (Date.now() - lqStarted) / 1000;
    log(`first run ${first.status} in ${first.seconds.toFixed(1)} s (cron_stats; ${firstWall.toFixed(1)} s from process start)`);
    const afterFirst = await ds.query<Array<Record<string, number>>>(`SELECT
      (SELECT COUNT(*) FROM software_cve) AS software_cves, (SELECT COUNT(*) FROM operating_system_cve) AS os_cves,
      (SELECT COUNT(*) FROM vulnerability_host_counts WHERE team_id = -1) AS cves_with_hosts, (SELECT COUNT(*) FROM software_vuln_summary) AS vulnerable_versions`);

    const [top] = await ds.query<Array<{ cve: string }>>('SELECT cve FROM vulnerability_host_counts WHERE team_id = -1 ORDER BY hosts_count DESC LIMIT 1');
    if (top) someCve = top.cve;
    probe.setPhase('idle_after');
    await sleep(idleSeconds * 1000);

    // Incremental: 1 % of hosts report a changed inventory, 1 % of the application CVEs change.
    const changes = changedInventories(fleet, hosts);
    const writer = new MysqlAgentDataRepository(ds);
    const w0 = Date.now();
    for (let i = 0; i < changes.length; i += 50) {
      await writer.applyHostWrites(changes.slice(i, i + 50).map(([hostId, software]) => ({ hostId, at: Date.now(), software, detailUpdated: true })));
    }
    const writeSeconds = (Date.now() - w0) / 1000;
    const changedCves = changeNvd(feedsDir, fleet.catalogues, totalCves, 0.01);
    const newVersions = await ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM software s LEFT JOIN software_vuln_scans v ON v.software_id = s.id WHERE v.software_id IS NULL');
    log(`incremental: ${changes.length} hosts changed (${writeSeconds.toFixed(1)} s through the writer), ${newVersions[0]?.n ?? 0} versions never matched, ${changedCves} NVD entries changed`);
    probe.setPhase('incremental', true);
    const trig = await fetch(`${base}/trigger?name=vulnerabilities`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    if (trig.status >= 300) throw new Error(`trigger: ${trig.status} ${await trig.text()}`);
    const incremental = await waitRun(ds, first.id, progress);
    log(`incremental run ${incremental.status} in ${incremental.seconds.toFixed(1)} s`);
    probe.setPhase('idle_end');
    await sleep(5_000);
    await probe.stop();

    const metricsText = await fetch(`http://127.0.0.1:${LQ_PORT}/metrics`).then((r) => r.text(), () => '');
    const vulnMetrics = metricsText.split('\n').filter((l) => l.startsWith('fleet_vulnerabilities_') && !l.includes('_bucket{'));
    const figures: Record<string, PhaseFigures> = {};
    for (const phase of ['idle_before', 'first_run', 'idle_after', 'incremental']) figures[phase] = probe.figures(phase);
    const ratio = (a: string, b: string): number => Number(((figures[a]?.p95_ms ?? 0) / Math.max(0.1, figures[b]?.p95_ms ?? 0)).toFixed(2));
    const out = {
      label, date: new Date().toISOString(),
      machine: { os: `${os.type()} ${os.release()}`, cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? '', memory_gb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version, load_avg_at_start: os.loadavg().map((x) => Number(x.toFixed(2))), innodb_buffer_pool_mib: Number(poolNow) / 2 ** 20 },
      dataset: {
        hosts, software_per_host: perHost, host_software_rows: fleet.hostSoftwareRows, software_versions: fleet.softwareVersions, software_titles: fleet.titles,
        hosts_by_platform: fleet.platformHosts, seed_seconds: Number(fleet.seconds.toFixed(1)),
        feeds: { nvd_cves: feeds.cves, application_cves: feeds.relevantCves, cpe_dictionary_filler: cpeFiller, oval_definitions: feeds.ovalDefinitions, msrc_cves: feeds.msrcCves,
          mib: Number((feeds.bytes / 2 ** 20).toFixed(1)), write_seconds: Number(feedSeconds.toFixed(1)) },
      },
      targets: { first_run_seconds: 900, incremental_seconds: 60, api_p95_ratio: 2 },
      first_run: { status: first.status, seconds: Number(first.seconds.toFixed(1)), seconds_from_process_start: Number(firstWall.toFixed(1)), stats: first.stats,
        errors: first.errors, results: afterFirst[0] ?? {} },
      incremental_run: {
        status: incremental.status, seconds: Number(incremental.seconds.toFixed(1)), stats: incremental.stats, errors: incremental.errors,
        hosts_changed: changes.length, writer_seconds: Number(writeSeconds.toFixed(1)), new_versions: newVersions[0]?.n ?? 0, nvd_entries_changed: changedCves,
      },
      api: {
        figures, p95_ratio_first_run_vs_idle_before: ratio('first_run', 'idle_before'), p95_ratio_incremental_vs_idle_after: ratio('incremental', 'idle_after'),
        empty_list_answers_during_incremental: figures['incremental']?.empty_answers ?? 0, error_samples: probe.errorSamples,
      },
      live_query_peak_rss_mib: peakRss(lq.pid), api_peak_rss_mib: peakRss(api.pid), live_query_metrics: vulnMetrics,
      verdict: {
        first_run_within_15_min: first.status === 'completed' && first.seconds <= 900,
        incremental_within_1_min: incremental.status === 'completed' && incremental.seconds <= 60,
        api_p95_within_2x_idle: ratio('first_run', 'idle_before') <= 2 && ratio('incremental', 'idle_after') <= 2,
        never_empty_mid_run: (figures['incremental']?.empty_answers ?? 0) === 0,
      },
      total_seconds: Number(((Date.now() - started) / 1000).toFixed(0)),
    };
    const file = path.join(ROOT, 'bench', 'results', hosts === 100_000 && perHost === 300 ? 'vulnerabilities.json' : `vulnerabilities-${hosts}x${perHost}.json`);
    const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { earlier_runs?: unknown[] } & Record<string, unknown>) : null;
    const earlier = before ? [Object.fromEntries(Object.entries(before).filter(([k]) => k !== 'earlier_runs' && k !== 'live_query_metrics')), ...(before.earlier_runs ?? [])].slice(0, 3) : [];
    writeFileSync(file, `${JSON.stringify({ ...out, earlier_runs: earlier }, null, 2)}\n`);
    log(`written ${file}`);
    console.log(JSON.stringify({ first_run: out.first_run.seconds, incremental: out.incremental_run.seconds, api: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.p95_ms])), verdict: out.verdict }, null, 2));
  } finally {
    for (const c of children.reverse()) await stopChild(c, 20_000);
    await ds.query(`SET GLOBAL innodb_buffer_pool_size = ${Number(poolBefore)}`).catch(() => undefined);
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false, maxRetriesPerRequest: 2 });
    const keys = await redis.keys(`${db.name}:*`).catch(() => [] as string[]);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
    if (process.argv.includes('--keep-db')) {
      log(`kept database ${db.name} and ${work}`);
      await ds.destroy();
    } else {
      await db.drop();
      rmSync(work, { recursive: true, force: true });
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

