/**
 * Query reports past Fleet's 1,000 rows (results-routing issue, acceptance 4): `server_settings.query_report_cap`
 * of 100,000, filled by the batch writer's own code (replaceQueryReports, as the ingest role calls it) from 120
 * hosts of 1,000 rows each, so the report fills to the cap and the last hosts wait for room; then the whole report
 * is paged through the admin API, 1,000 rows a page, and each page timed. Target: under 100 ms a page.
 * Run: node tools/build.js && node dist/bench/query-reports/query-reports.bench.js
 * Writes bench/results/query-reports.json.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiGatewayModule } from '@fleet/api-gateway';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { MysqlAgentDataRepository } from '@fleet/persistence';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import { ROOT } from '../load/processes';

const CAP = 100_000;
const HOSTS = 120;
const ROWS = 1_000;
const PER_PAGE = 1_000;
const TARGET_MS = 100;

const pct = (sorted: readonly number[], q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0).toFixed(1));

async function main(): Promise<void> {
  const loadAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
  const db = await createTestDatabase('bench_reports');
  try {
    const ds = db.dataSource;
    const query = await ds.query<{ insertId: number }>(
      "INSERT INTO queries (name, description, query, schedule_interval, logging_type) VALUES ('procs', '', 'SELECT * FROM processes', 60, 'snapshot')");
    await ds.query('INSERT INTO app_config_json (id, json_value) VALUES (1, ?) ON DUPLICATE KEY UPDATE json_value = VALUES(json_value)',
      [JSON.stringify({ server_settings: { query_report_cap: CAP } })]);
    const hostIds: number[] = [];
    for (let h = 0; h < HOSTS; h += 1) {
      const res = await ds.query<{ insertId: number }>('INSERT INTO hosts (osquery_host_id, node_key, uuid, hostname, platform) VALUES (?, ?, ?, ?, ?)',
        [`oh-${h}`, `nk-${h}`, `uuid-${h}`, `host-${h}`, 'ubuntu']);
      hostIds.push(res.insertId);
    }
    const writer = new MysqlAgentDataRepository(ds);
    const t0 = Date.now() - HOSTS * 1000;
    const fillStarted = performance.now();
    for (let h = 0; h < HOSTS; h += 10) {
      const batch = hostIds.slice(h, h + 10).map((hostId, i) => ({
        queryId: query.insertId, hostId, at: t0 + (h + i) * 1000,
        rows: Array.from({ length: ROWS }, (_, n) => ({ pid: String(n), host: String(h + i), name: `proc-${n}` })),
      }));
      await writer.replaceQueryReports(batch, { cap: CAP, maxAgeMs: 0, nowMs: t0 + HOSTS * 1000 });
    }
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const [stored] = await ds.query<Array<{ n: number }>>('SELECT COUNT(data) AS n FROM query_results WHERE query_id = ?', [query.insertId]);

    const app = await startTestApp(db.config, { roles: ['api'], modules: [ApiGatewayModule] });
    try {
      const user = await ds.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('bench', 'bench@example.com', 'x', 'admin')");
      const token = newSessionToken(32);
      await ds.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(token)]);
      const page = async (n: number): Promise<{ ms: number; rows: number; next: boolean }> => {
        const started = performance.now();
        const res = await fetch(`${app.url}/api/latest/fleet/queries/${query.insertId}/report?page=${n}&per_page=${PER_PAGE}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { results: unknown[]; meta: { has_next_results: boolean } };
        if (res.status !== 200) throw new Error(`page ${n}: ${res.status}`);
        return { ms: performance.now() - started, rows: body.results.length, next: body.meta.has_next_results };
      };
      await page(0); // warm-up
      const times: number[] = [];
      let rows = 0;
      for (let n = 0; ; n += 1) {
        const p = await page(n);
        times.push(p.ms);
        rows += p.rows;
        if (!p.next) break;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const out = {
        date: new Date().toISOString(),
        machine: { os: `${os.type()} ${os.release()}`, cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? '', memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, load_avg_at_start: loadAtStart, load_avg_at_end: os.loadavg().map((x) => Number(x.toFixed(2))) },
        dataset: { cap: CAP, hosts: HOSTS, rows_per_host: ROWS, rows_stored: Number(stored?.n ?? 0), fill_seconds: Number(fillSeconds.toFixed(1)) },
        paging: { per_page: PER_PAGE, pages: times.length, rows_read: rows, p50_ms: pct(sorted, 0.5), p95_ms: pct(sorted, 0.95), max_ms: pct(sorted, 1), target_ms: TARGET_MS },
        held: pct(sorted, 0.95) < TARGET_MS,
      };
      writeFileSync(path.join(ROOT, 'bench', 'results', 'query-reports.json'), `${JSON.stringify(out, null, 2)}\n`);
      console.log(JSON.stringify(out, null, 2));
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
