import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cronKeys } from '@fleet/messaging';
import { AppConfigRepository, CronStatsRepository } from '@fleet/persistence';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { LiveQueryModule } from '../live-query.module';
import { scrapeMetric, unfinishedJobs } from './job-metrics.spec-helper';

const DAY = 24 * 3600_000;
const OUTAGE_MS = 30_000;

interface Received {
  readonly at: number;
  readonly path: string;
  readonly status: number;
  readonly body: { hosts?: Array<{ id: number }>; data?: { host_ids: number[] } };
}

/** Webhook deliveries of `automations` through BullMQ, against MariaDB and Redis, with a destination that is down for 30 s. */
describe('webhook deliveries (MariaDB + Redis + BullMQ)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let runs: CronStatsRepository;
  /** The destination answers 503 until this time (epoch ms), then 200. */
  let recoverAt = Number.POSITIVE_INFINITY;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => {
      const status = Date.now() < recoverAt ? 503 : 200;
      received.push({ at: Date.now(), path: req.url ?? '', status, body: JSON.parse(text) as Received['body'] });
      res.writeHead(status).end();
    });
  });
  const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const sql = <T = Array<Record<string, unknown>>>(q: string, p: unknown[] = []) => db.dataSource.query<T>(q, p);
  const trigger = async () => {
    const id = await runs.queue('automations');
    await eventually(`automations run ${id}`, async () => (await runs.recent('automations', 50)).find((r) => r.id === id), (r) => r?.status === 'completed', 10_000, 50);
    return (await runs.recent('automations', 50)).find((r) => r.id === id)!;
  };
  const metric = (name: string, labels: Record<string, string> = {}) => scrapeMetric(app.url, name, { queue: 'webhook_delivery', ...labels });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    db = await createTestDatabase('webhook_delivery', {
      schedules_tick_interval: '100ms', schedules_lease: '3s', schedules_cleanups_interval: '1h', schedules_automations_interval: '1h', schedules_webhook_timeout: '2s',
    });
    runs = new CronStatsRepository(db.dataSource);
    app = await startTestApp(db.config, { roles: ['live-query'], modules: [LiveQueryModule] });
    // The run every schedule makes at start, before any webhook is configured.
    await eventually('the first automations run', () => runs.recent('automations'), (r) => r.some((x) => x.status === 'completed'), 10_000, 50);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    server.close();
  });

  it('delivers every POST exactly once within a minute of a 30 s outage ending, by BullMQ retries shown on /metrics', async () => {
    const hosts: number[] = [];
    for (let n = 1; n <= 5; n++) {
      const r = await sql<{ insertId: number }>("INSERT INTO hosts (osquery_host_id, node_key, hostname, uuid, hardware_serial, platform, created_at) VALUES (?, ?, ?, ?, ?, 'ubuntu', ?)",
        [`oid-${n}`, `nk-${n}`, `h${n}.local`, `u-${n}`, `S${n}`, new Date(Date.now() - 30 * DAY)]);
      await sql('INSERT INTO host_seen_times (host_id, seen_time) VALUES (?, ?)', [r.insertId, new Date(Date.now() - 3 * DAY)]);
      hosts.push(r.insertId);
    }
    const pol = (await sql<{ insertId: number }>("INSERT INTO policies (name, query, description, resolution) VALUES ('Firewall on', 'SELECT 1', '', '')")).insertId;
    for (const h of hosts) await sql('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, 0)', [pol, h]);
    await new AppConfigRepository(db.dataSource).save({
      server_settings: { server_url: 'https://fleet.example.com' },
      webhook_settings: {
        host_status_webhook: { enable_host_status_webhook: true, destination_url: url('/status'), host_percentage: 50, days_count: 2 },
        failing_policies_webhook: { enable_failing_policies_webhook: true, destination_url: url('/failing'), policy_ids: [pol], host_batch_size: 2 },
      },
    });

    const outageStart = Date.now();
    recoverAt = outageStart + OUTAGE_MS;
    // One host status POST and three failing-policy POSTs (2 + 2 + 1 hosts) are queued; the run does not wait for them.
    expect(await trigger()).toMatchObject({ status: 'completed', errors: null });
    expect(await unfinishedJobs(app.url, 'webhook_delivery')).toBe(4);
    // A run that queued its POSTs but died before recording them (reported set and generations as before it),
    // repeated during the outage: the same job ids, so nothing is queued twice.
    await app.redis.del(cronKeys.reportedFailing(pol), cronKeys.webhookGeneration(`failing_policy:${pol}`), cronKeys.webhookGeneration('host_status:global'));
    expect(await trigger()).toMatchObject({ status: 'completed', errors: null });
    expect(await unfinishedJobs(app.url, 'webhook_delivery')).toBe(4);
    await eventually('retries waiting on /metrics', () => metric('fleet_job_queue_jobs', { state: 'delayed' }), (n) => n > 0, 10_000, 100);
    expect(Date.now()).toBeLessThan(recoverAt);

    const accepted = () => received.filter((r) => r.status === 200);
    await eventually('every POST accepted after the outage', () => accepted().length, (n) => n >= 4, recoverAt + 60_000 - Date.now(), 100);
    await eventually('no delivery left', () => unfinishedJobs(app.url, 'webhook_delivery'), (n) => n === 0, 10_000, 100);

    // Exactly once: one host status POST, and every failing host in exactly one accepted POST.
    const ok = accepted();
    expect(ok).toHaveLength(4);
    expect(ok.filter((r) => r.path === '/status').map((r) => r.body.data?.host_ids)).toEqual([hosts]);
    expect(ok.filter((r) => r.path === '/failing').flatMap((r) => r.body.hosts!.map((h) => h.id)).sort((x, y) => x - y)).toEqual(hosts);
    // Refused while down, taken as soon as the destination was back (retries are at most 10 s apart).
    const refused = received.filter((r) => r.status === 503);
    expect(refused.every((r) => r.at < recoverAt)).toBe(true);
    expect(refused.length).toBeGreaterThanOrEqual(4 * 4);
    const lastAccepted = Math.max(...ok.map((r) => r.at));
    expect(lastAccepted - recoverAt).toBeLessThan(60_000);

    // The retries on /metrics: every refused POST was an attempt that failed and was retried; none failed for good.
    expect(await metric('fleet_job_attempts_total', { result: 'completed' })).toBe(4);
    expect(await metric('fleet_job_attempts_total', { result: 'failed' })).toBe(refused.length);
    expect(await metric('fleet_job_retries_total')).toBe(refused.length);
    expect(await metric('fleet_job_failures_total')).toBe(0);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(await metric('fleet_job_queue_jobs', { state })).toBe(0);
    // The hosts are recorded as reported: a later run queues nothing for them.
    expect((await app.redis.smembers(cronKeys.reportedFailing(pol))).map(Number).sort((x, y) => x - y)).toEqual(hosts);

    process.stdout.write(`webhook outage test: outage ${OUTAGE_MS} ms, ${refused.length} refused attempts, all 4 POSTs accepted `
      + `${Math.min(...ok.map((r) => r.at)) - recoverAt}..${lastAccepted - recoverAt} ms after recovery, ${Date.now() - outageStart} ms in all\n`);
  }, 120_000);
});
