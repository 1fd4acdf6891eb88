/**
 * Web UI with 100,000 hosts (issue 13, acceptance 4): how long after navigation the dashboard and the host list
 * show their content, measured in the browser, and how much JavaScript the first page costs.
 *
 * Seeds the admin-API benchmark's dataset (bench/admin-api/seed-hosts.ts) plus a week of hourly online counts and
 * the OS-version and software counts the server keeps, serves the built UI and API (api role), and drives Debian's
 * Chromium (fresh profile): for each page, `--runs` full page loads with an empty cache and as many with a warm one,
 * plus in-app navigations between the two pages. "Content" is the page's data on screen: the host counts on the
 * dashboard, the first host row on the host list. Times are read in the page (`performance.now()`, whose origin is
 * the navigation's start) when the content appears. JavaScript is counted in transferred bytes (what the server sent,
 * brotli) over the first cold load of each page, with every lazy chunk it pulled (the chart included).
 *
 * Run: node tools/build.js && npm run build:ui && node dist/bench/ui/ui.bench.js [--runs 10] [--chromium /usr/bin/chromium]
 * Writes bench/results/ui.json and a readable summary in bench/results/ui.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { ApiGatewayModule } from '@fleet/api-gateway';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { HostStatsRepository, VulnerabilityCountsRepository } from '@fleet/persistence';
import type { DataSource } from '@fleet/persistence';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import { HOSTS, seed } from '../admin-api/seed-hosts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg('runs', '10'));
const CHROMIUM = arg('chromium', '/usr/bin/chromium');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TARGET_MS = 1000;
const JS_BUDGET_BYTES = 300 * 1024;

/** What "content" means on each page, checked in the page. */
const PAGES = {
  dashboard: { path: '/dashboard', ready: "document.querySelector('[data-testid=count-total]')?.textContent === '100,000'" },
  hosts: { path: '/hosts/manage', ready: "document.querySelectorAll('[data-testid=hosts-table] tbody tr').length === 50" },
} as const;
type PageName = keyof typeof PAGES;

/** The kept data the dashboard reads besides hosts: a week of hourly online counts, OS-version and software counts. */
async function seedDashboardData(ds: DataSource): Promise<void> {
  const stats = new HostStatsRepository(ds);
  const now = Date.now();
  for (let h = 7 * 24; h >= 1; h--) await stats.recordStatus(new Date(now - h * 3600_000));
  await stats.recordStatus(new Date(now));
  await new VulnerabilityCountsRepository(ds).rebuildOsVersions(new Date(now));
  // The software writer keeps per-version host counts as hosts report; a direct seed computes them once, as the
  // migration's backfill does.
  await ds.query(`INSERT INTO software_host_counts (software_id, team_id, hosts_count)
    SELECT hs.software_id, -1, COUNT(*) FROM host_software hs GROUP BY hs.software_id`);
  await ds.query(`INSERT INTO software_host_counts (software_id, team_id, hosts_count)
    SELECT hs.software_id, COALESCE(h.team_id, 0), COUNT(*) FROM host_software hs JOIN hosts h ON h.id = hs.host_id GROUP BY hs.software_id, COALESCE(h.team_id, 0)`);
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
};
const summary = (values: number[]) => ({ runs: values.length, p50_ms: pct(values, 50), p95_ms: pct(values, 95), max_ms: pct(values, 100) });

/** Loads `url` and answers the page's own clock (ms since the navigation started) when the content is there. */
async function timeToContent(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(ready, undefined, { timeout: 30_000, polling: 'raf' });
  return page.evaluate<number>('Math.round(performance.now())');
}

/** JavaScript transferred while `load` runs: bytes on the wire per file (encodedDataLength, so compressed). */
async function scriptBytes(cdp: CDPSession, load: () => Promise<void>): Promise<{ total_bytes: number; files: Array<{ file: string; bytes: number; encoding: string }> }> {
  const scripts = new Map<string, { url: string; encoding: string }>();
  const files: Array<{ file: string; bytes: number; encoding: string }> = [];
  const onResponse = (e: { requestId: string; type: string; response: { url: string; headers: Record<string, string> } }) => {
    if (e.type === 'Script') scripts.set(e.requestId, { url: e.response.url, encoding: e.response.headers['content-encoding'] ?? 'identity' });
  };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    const s = scripts.get(e.requestId);
    if (s) files.push({ file: new URL(s.url).pathname.split('/').pop() ?? s.url, bytes: e.encodedDataLength, encoding: s.encoding });
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  await load();
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  files.sort((a, b) => b.bytes - a.bytes);
  return { total_bytes: files.reduce((n, f) => n + f.bytes, 0), files };
}

async function measure(context: BrowserContext, base: string, token: string) {
  const page = context.pages()[0] ?? await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await page.goto(`${base}/login`);
  await page.evaluate(`localStorage.setItem('fleet.token', ${JSON.stringify(token)})`);

  const js: Record<string, unknown> = {};
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  js['login'] = await scriptBytes(cdp, async () => {
    await page.goto(`${base}/login`);
    await page.waitForLoadState('networkidle');
  });
  for (const name of Object.keys(PAGES) as PageName[]) {
    js[name] = await scriptBytes(cdp, async () => {
      await timeToContent(page, `${base}${PAGES[name].path}`, PAGES[name].ready);
      await page.waitForLoadState('networkidle');
      if (name === 'dashboard') await page.waitForSelector('figure[aria-label="Online hosts chart"] svg', { timeout: 30_000 });
    });
  }

  const loads: Record<string, { cold: ReturnType<typeof summary>; warm: ReturnType<typeof summary> }> = {};
  for (const name of Object.keys(PAGES) as PageName[]) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      cold.push(await timeToContent(page, `${base}${PAGES[name].path}`, PAGES[name].ready));
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      // Away to a blank page (not /login: signed in, it moves on to the dashboard by itself and races the next goto).
      await page.goto('about:blank');
      warm.push(await timeToContent(page, `${base}${PAGES[name].path}`, PAGES[name].ready));
    }
    loads[name] = { cold: summary(cold), warm: summary(warm) };
  }

  // In-app navigation: a click on the navigation link, timed in the page from the click to the content.
  const inApp: Record<string, number[]> = { dashboard: [], hosts: [] };
  await timeToContent(page, `${base}/dashboard`, PAGES.dashboard.ready);
  for (let i = 0; i < RUNS; i++) {
    for (const [name, link] of [['hosts', 'Hosts'], ['dashboard', 'Dashboard']] as const) {
      const t0 = await page.evaluate<number>('performance.now()');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: link, exact: true }).click();
      await page.waitForFunction(PAGES[name].ready, undefined, { timeout: 30_000, polling: 'raf' });
      inApp[name]?.push(Math.round((await page.evaluate<number>('performance.now()')) - t0));
    }
  }
  return { js, loads, in_app: { hosts: summary(inApp['hosts'] ?? []), dashboard: summary(inApp['dashboard'] ?? []) } };
}

type Summary = ReturnType<typeof summary>;

/** The figures as a short report: one table of load times, one of JavaScript per page. */
function markdown(out: { date: string; machine: { cpus: number; cpu_model: string; load_avg_at_start: number[]; node: string }; verdict: Record<string, boolean>;
  loads: Record<string, { cold: Summary; warm: Summary }>; in_app: Record<string, Summary> }, js: Record<string, number>): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const lines = [
    `# Web UI with ${HOSTS.toLocaleString('en')} hosts`, '',
    `${out.date}; ${out.machine.cpus} cores (${out.machine.cpu_model}), Node ${out.machine.node}, load average at start ${out.machine.load_avg_at_start.join(' / ')}.`,
    `Time from navigation start to the content on screen, measured in Chromium (performance.now()), ${RUNS} runs each. Target ${TARGET_MS} ms; JavaScript budget ${kb(JS_BUDGET_BYTES)} (brotli, lazy chunks included).`, '',
    '| page | cold p50 | cold p95 | warm p50 | warm p95 | in-app p50 | in-app p95 |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(out.loads).map(([name, l]) => `| ${name} | ${l.cold.p50_ms} ms | ${l.cold.p95_ms} ms | ${l.warm.p50_ms} ms | ${l.warm.p95_ms} ms | ${out.in_app[name]?.p50_ms ?? '-'} ms | ${out.in_app[name]?.p95_ms ?? '-'} ms |`),
    '', '| first page | JavaScript transferred |', '| --- | --- |',
    ...Object.entries(js).map(([name, bytes]) => `| ${name} | ${kb(bytes)} |`),
    '', `Verdict: ${Object.entries(out.verdict).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}.`, '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  // Read before seeding and measuring, which load the machine themselves.
  const loadAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
  const db = await createTestDatabase('bench_ui');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'fleet-ui-bench-'));
  try {
    await seed(db.dataSource);
    await seedDashboardData(db.dataSource);
    const seedSeconds = Math.round((Date.now() - started) / 1000);
    const app = await startTestApp(db.config, { roles: ['api'], modules: [ApiGatewayModule] });
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS });
    try {
      const res = await db.dataSource.query<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role) VALUES ('bench', 'bench@example.com', 'x', 'admin')");
      const token = newSessionToken(32);
      await db.dataSource.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [res.insertId, tokenHash(token)]);
      const figures = await measure(context, app.url, token);
      const jsOf = (name: string) => (figures.js[name] as { total_bytes: number }).total_bytes;
      const out = {
        date: new Date().toISOString(),
        machine: { os: `${os.type()} ${os.release()}`, cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? '', load_avg_at_start: loadAtStart, node: process.version },
        dataset: { hosts: HOSTS, seed_seconds: seedSeconds, history_samples_per_team: 7 * 24 + 1 },
        method: 'Time from navigation start to the content on screen, read in the page (performance.now()); cold = browser cache disabled, warm = cached assets; JavaScript = bytes transferred (brotli) for a cold load of the page, lazy chunks included.',
        target_ms: TARGET_MS, js_budget_bytes: JS_BUDGET_BYTES,
        verdict: {
          dashboard_within_target: figures.loads['dashboard']?.cold.p95_ms !== undefined && figures.loads['dashboard'].cold.p95_ms <= TARGET_MS,
          hosts_within_target: figures.loads['hosts']?.cold.p95_ms !== undefined && figures.loads['hosts'].cold.p95_ms <= TARGET_MS,
          first_page_js_within_budget: Math.max(jsOf('login'), jsOf('dashboard'), jsOf('hosts')) <= JS_BUDGET_BYTES,
        },
        ...figures,
      };
      writeFileSync(path.resolve(__dirname, '../../../bench/results/ui.json'), `${JSON.stringify(out, null, 2)}\n`);
      writeFileSync(path.resolve(__dirname, '../../../bench/results/ui.md'), markdown(out, { login: jsOf('login'), dashboard: jsOf('dashboard'), hosts: jsOf('hosts') }));
      console.log(JSON.stringify({ verdict: out.verdict, loads: out.loads, in_app: out.in_app, js: { login: jsOf('login'), dashboard: jsOf('dashboard'), hosts: jsOf('hosts') } }, null, 2));
    } finally {
      await context.close();
      await app.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
