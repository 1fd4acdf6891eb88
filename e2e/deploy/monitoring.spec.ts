import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { processEnv } from '@fleet/config';
import { createTestDatabase, eventually } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { freePort, startFleet } from '../support/fleet-process';
import type { RunningFleet } from '../support/fleet-process';
import { ROOT, run } from './support/chart-render';

const ALERTS = join(ROOT, 'charts', 'fleet', 'files', 'alerts.yaml');
const DASHBOARD = join(ROOT, 'charts', 'fleet', 'files', 'grafana-dashboard.json');
const EXAMPLE = join(ROOT, 'docs', 'monitoring', 'prometheus.yml');

interface Panel { title: string; targets?: Array<{ expr: string }> }
interface RuleFile { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }

const dashboardQueries = (): Array<{ panel: string; expr: string }> =>
  (JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] }).panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
const alertQueries = (): Array<{ alert: string; expr: string }> =>
  (parse(readFileSync(ALERTS, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.map((r) => ({ alert: r.alert, expr: r.expr })));
/** Metric names in a PromQL expression (the product's families and Prometheus's own `up`). */
const metricNames = (expr: string): string[] => [...expr.matchAll(/\b((?:fleet|http|nodejs|process)_[a-z0-9_]+|up)\b(?=\s*[{[)])/g)].map((m) => m[1] ?? '');

describe('alert rules, checked and unit-tested with promtool', () => {
  it('are valid Prometheus rules', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', ALERTS]);
    expect(stdout).toContain('SUCCESS: 12 rules found');
  });

  it('fire on synthetic series showing each problem and stay silent on healthy ones', async () => {
    const { stdout } = await run('promtool', ['test', 'rules', 'alerts.test.yaml'], { cwd: join(__dirname, 'prometheus') });
    expect(stdout).toContain('SUCCESS');
    // Every alert has a unit test.
    const tests = readFileSync(join(__dirname, 'prometheus', 'alerts.test.yaml'), 'utf8');
    for (const { alert } of alertQueries()) expect([alert, tests.includes(`alertname: ${alert}\n`)]).toEqual([alert, true]);
  });
});

/**
 * A real Prometheus (Debian's package) configured from docs/monitoring/prometheus.yml scrapes a running
 * `fleet serve`; every metric the dashboard and the alerts name must be in what it scraped, every dashboard
 * query must run, and the rules must evaluate without error and without firing on a healthy server.
 */
describe('Prometheus scraping a running fleet', () => {
  let db: TestDatabase;
  let fleet: RunningFleet | undefined;
  let prometheus: ChildProcess | undefined;
  let promUrl = '';
  const dir = mkdtempSync(join(tmpdir(), 'fleet-prometheus-'));

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${promUrl}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
    return body.data;
  };

  beforeAll(async () => {
    db = await createTestDatabase('e2e_prometheus');
    await db.dataSource.query("INSERT INTO enroll_secrets (secret, team_id) VALUES ('prom-secret', NULL)");
    const addr = `127.0.0.1:${await freePort()}`;
    fleet = await startFleet(['serve', '--server_tls=false', `--server_address=${addr}`], {
      FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: db.name,
      FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: `${db.name}:`, FLEET_LOGGING_JSON: 'true',
    }, 'listening on');
    // Agent traffic, so the agent series exist: a refused and an accepted enroll, then a check-in.
    const post = (path: string, body: unknown) => fetch(`http://${addr}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then((r) => r.json() as Promise<Record<string, unknown>>);
    await post('/api/v1/osquery/enroll', { enroll_secret: 'wrong', host_identifier: 'prom-host' });
    const { node_key: nodeKey } = await post('/api/v1/osquery/enroll', { enroll_secret: 'prom-secret', host_identifier: 'prom-host' });
    expect(typeof nodeKey).toBe('string');
    await post('/api/v1/osquery/config', { node_key: nodeKey });
    await post('/api/v1/osquery/distributed/read', { node_key: nodeKey });

    // The documented configuration, pointed at this server over plain HTTP and scraping every second.
    const config = parse(readFileSync(EXAMPLE, 'utf8')) as { global: Record<string, string>; scrape_configs: Array<Record<string, unknown>> };
    config.global = { scrape_interval: '1s', evaluation_interval: '1s' };
    const job = config.scrape_configs.find((c) => c['job_name'] === 'fleet-server');
    expect(job).toBeDefined();
    config.scrape_configs = [{ ...job, scheme: 'http', tls_config: undefined, static_configs: [{ targets: [addr] }] }];
    copyFileSync(ALERTS, join(dir, 'fleet-alerts.yaml'));
    writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { env: { PATH: processEnv()['PATH'] ?? '' }, stdio: 'ignore' });
    await eventually('Prometheus to have scraped fleet a few times', () => api<{ result: Array<{ value: [number, string] }> }>('/api/v1/query?query=count_over_time(up{job="fleet-server"}[1m])').catch(() => ({ result: [] })),
      (d) => Number(d.result[0]?.value[1] ?? 0) >= 3, 60_000);
  }, 120_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await fleet?.stop();
    await db?.drop();
  });

  it('scrapes the server as up', async () => {
    const up = await api<{ result: Array<{ value: [number, string] }> }>('/api/v1/query?query=up{job="fleet-server"}');
    expect(up.result.map((r) => r.value[1])).toEqual(['1']);
  });

  it('has every metric that the dashboard and the alert rules name', async () => {
    const sampled = new Set(await api<string[]>('/api/v1/label/__name__/values'));
    // Families with no sample yet (a labelled counter nothing incremented) are known from their # TYPE lines.
    const described = new Set(Object.keys(await api<Record<string, unknown>>('/api/v1/metadata')));
    const exists = (name: string) => sampled.has(name) || described.has(name) || described.has(name.replace(/_(bucket|count|sum)$/, ''));
    const named = [...dashboardQueries().map((q) => q.expr), ...alertQueries().map((q) => q.expr)].flatMap(metricNames);
    expect(new Set(named).size).toBeGreaterThan(30);
    expect([...new Set(named)].filter((n) => !exists(n))).toEqual([]);
  });

  it('runs every dashboard query without an error', async () => {
    const failures: string[] = [];
    for (const { panel, expr } of dashboardQueries()) {
      const q = expr.replace(/\$job/g, 'fleet-.*').replace(/\$__rate_interval/g, '1m').replace(/\$__range/g, '5m');
      try { await api(`/api/v1/query?query=${encodeURIComponent(q)}`); } catch (err) { failures.push(`${panel}: ${(err as Error).message}`); }
    }
    expect(failures).toEqual([]);
  });

  it('evaluates the alert rules without errors, and none fires on a healthy server', async () => {
    const { groups } = await eventually('every rule evaluated', () => api<{ groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string; state: string }> }> }>('/api/v1/rules'),
      (d) => d.groups.flatMap((g) => g.rules).every((r) => r.health !== 'unknown'));
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name).sort()).toEqual(alertQueries().map((a) => a.alert).sort());
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError ?? r.health}`)).toEqual([]);
    expect(rules.filter((r) => r.state !== 'inactive').map((r) => r.name)).toEqual([]);
  });
});
