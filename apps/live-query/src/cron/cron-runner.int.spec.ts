import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FixedClock } from '@fleet/domain';
import { cronKeys } from '@fleet/messaging';
import { AppConfigRepository, CronStatsRepository } from '@fleet/persistence';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { scrapeMetric, unfinishedJobs } from '../jobs/job-metrics.spec-helper';
import { LiveQueryModule } from '../live-query.module';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A webhook destination that records bodies and answers with whatever status the test sets; `refused` counts the other answers. */
function destination(): { server: Server; url: () => string; bodies: unknown[]; refused: { count: number }; status: { code: number } } {
  const bodies: unknown[] = [];
  const refused = { count: 0 };
  const status = { code: 200 };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => {
      if (status.code === 200) bodies.push(JSON.parse(text));
      else refused.count++;
      res.writeHead(status.code).end();
    });
  });
  return { server, bodies, refused, status, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

/**
 * The live-query role's background schedules against MariaDB and Redis, ticking every 100 ms. The runner's
 * clock is a FixedClock: a schedule becomes due only when the test moves it (runs start by MySQL's clock).
 */
describe('background schedules (MariaDB + Redis)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let runs: CronStatsRepository;
  const clock = new FixedClock(Date.now());
  const hook = destination();

  const sql = <T = Array<Record<string, unknown>>>(q: string, p: unknown[] = []) => db.dataSource.query<T>(q, p);
  let seq = 0;
  const names = new Map<number, { hostname: string; serial: string }>();
  const host = async (seenDaysAgo: number, teamId: number | null = null): Promise<number> => {
    const n = ++seq;
    const r = await sql<{ insertId: number }>("INSERT INTO hosts (osquery_host_id, node_key, hostname, uuid, hardware_serial, platform, team_id, created_at) VALUES (?, ?, ?, ?, ?, 'ubuntu', ?, ?)",
      [`oid-${n}`, `nk-${n}`, `h${n}.local`, `u-${n}`, `S${n}`, teamId, new Date(Date.now() - 30 * DAY)]);
    await sql('INSERT INTO host_seen_times (host_id, seen_time) VALUES (?, ?)', [r.insertId, new Date(Date.now() - seenDaysAgo * DAY)]);
    names.set(r.insertId, { hostname: `h${n}.local`, serial: `S${n}` });
    return r.insertId;
  };
  const team = async (name: string, config: Record<string, unknown>) =>
    (await sql<{ insertId: number }>('INSERT INTO teams (name, description, config) VALUES (?, \'\', ?)', [name, JSON.stringify(config)])).insertId;
  const hostIds = async () => (await sql('SELECT id FROM hosts ORDER BY id')).map((r) => Number(r['id']));
  /** Queues a triggered run (what POST /trigger does) and waits until it completed. */
  const trigger = async (name: string) => {
    const id = await runs.queue(name);
    await eventually(`${name} run ${id}`, async () => (await runs.recent(name, 50)).some((r) => r.id === id && r.status === 'completed'), (ok) => ok, 10_000, 50);
    return (await runs.recent(name, 50)).find((r) => r.id === id)!;
  };
  /**
   * Webhook POSTs are queued by the run and sent by the delivery worker: waits until no delivery is waiting,
   * running or waiting for a retry, so that what the destination received is all it will receive.
   */
  const settled = () => eventually('webhook deliveries settled', () => unfinishedJobs(app.url, 'webhook_delivery'), (n) => n === 0, 15_000, 50);
  /**
   * Waits for `n` more ticks of the runner (fleet_cron_ticks_total): a tick ends once it has read every
   * schedule's runs and tried the lease of each due one, so after the first of them every later one has seen
   * what the test set up before calling this.
   */
  const furtherTicks = async (n: number) => {
    const ticks = () => scrapeMetric(app.url, 'fleet_cron_ticks_total', {});
    const from = await ticks();
    await eventually(`${n} more scheduler ticks`, ticks, (t) => t >= from + n, 10_000, 50);
  };
  /** A refused POST is retried by the queue, which logs the failed attempt with the destination's answer. */
  const refusedAttemptLogged = (answer: RegExp) => eventually('a failed delivery attempt in the log',
    () => app.logs.filter((l) => l['msg'] === 'jobs: attempt failed, will retry' && l['queue'] === 'webhook_delivery').map((l) => String(l['err'])),
    (errs) => errs.some((e) => answer.test(e)), 15_000, 50);

  beforeAll(async () => {
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
    db = await createTestDatabase('cron_runner', {
      schedules_tick_interval: '100ms', schedules_lease: '3s', schedules_cleanups_interval: '1h', schedules_automations_interval: '1h', schedules_webhook_timeout: '2s',
    });
    runs = new CronStatsRepository(db.dataSource);
    app = await startTestApp(db.config, {
      roles: ['live-query'],
      modules: [LiveQueryModule],
      clock,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    hook.server.close();
  });

  it('runs each schedule once at start, then not again before its interval, and again once it has passed', async () => {
    const schedules = ['automations', 'cleanups_then_aggregation'];
    const completedRuns = async (n: number) => {
      for (const name of schedules) if ((await runs.recent(name)).filter((r) => r.status === 'completed').length < n) return false;
      return true;
    };
    await eventually('first runs', () => completedRuns(1), (ok) => ok, 10_000, 50);
    const firstStarts = (await Promise.all(schedules.map((name) => runs.recent(name)))).flatMap((all) => all.map((r) => r.createdAt.getTime()));
    // A millisecond short of an hour (both intervals) after the earlier start: neither schedule is due.
    clock.set(new Date(Math.min(...firstStarts) + HOUR - 1));
    await furtherTicks(3);
    for (const name of schedules) {
      const all = await runs.recent(name);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ type: 'scheduled', status: 'completed', errors: null });
    }
    // An hour after the later start both are due, and each runs once more: its new start (MySQL's clock, later
    // than the first) puts its next run beyond the runner's clock again.
    clock.set(new Date(Math.max(...firstStarts) + HOUR));
    await eventually('second runs', () => completedRuns(2), (ok) => ok, 10_000, 50);
    await furtherTicks(3);
    for (const name of schedules) {
      const all = await runs.recent(name);
      expect(all).toHaveLength(2);
      expect(all.every((r) => r.type === 'scheduled' && r.status === 'completed' && r.errors === null)).toBe(true);
    }
  });

  it('deletes hosts past the organisation\'s or their team\'s expiry window, each with a deleted_host activity', async () => {
    await new AppConfigRepository(db.dataSource).save({ host_expiry_settings: { host_expiry_enabled: true, host_expiry_window: 2 } });
    const long = await team('Long', { host_expiry_settings: { host_expiry_enabled: true, host_expiry_window: 10 } });
    const off = await team('Off', { host_expiry_settings: { host_expiry_enabled: false, host_expiry_window: 1 } });
    const fresh = await host(1);
    const stale = await host(3);
    const longKept = await host(3, long);
    const longStale = await host(11, long);
    const offStale = await host(5, off);
    await app.redis.set(`fleet:host:id:${stale}`, 'nk-cached');
    await app.redis.set('fleet:host:nk:nk-cached', '{}');
    const run = await trigger('cleanups_then_aggregation');
    expect(run).toMatchObject({ type: 'triggered', errors: null });
    expect(await hostIds()).toEqual([fresh, longKept]);
    expect(await app.redis.exists('fleet:host:nk:nk-cached')).toBe(0);
    const acts = await sql<Array<{ details: Record<string, unknown>; user_id: null; fleet_initiated: number }>>(
      "SELECT details, user_id, fleet_initiated FROM activities WHERE activity_type = 'deleted_host' ORDER BY JSON_EXTRACT(details, '$.host_id')");
    const deleted = (id: number, window: number) => ({
      host_id: id, host_display_name: names.get(id)?.hostname, host_serial: names.get(id)?.serial, triggered_by: 'expiration', host_expiry_window: window,
    });
    expect(acts.map((a) => a.details)).toEqual([deleted(stale, 2), deleted(longStale, 10), deleted(offStale, 2)]);
    expect(acts.every((a) => a.user_id === null && a.fleet_initiated === 1)).toBe(true);
    for (const id of [stale, longStale, offStale]) {
      for (const t of ['host_seen_times', 'label_membership', 'policy_membership', 'host_software']) {
        expect((await sql(`SELECT 1 FROM ${t} WHERE host_id = ?`, [id]))).toHaveLength(0);
      }
    }
  });

  it('deletes idle sessions of people but keeps API-only users\' tokens', async () => {
    const user = async (email: string, apiOnly: boolean) =>
      (await sql<{ insertId: number }>("INSERT INTO users (name, email, password_hash, global_role, api_only) VALUES ('u', ?, 'x', 'admin', ?)", [email, apiOnly])).insertId;
    const person = await user('p@example.com', false);
    const robot = await user('r@example.com', true);
    const old = new Date(Date.now() - 30 * DAY);
    await sql('INSERT INTO sessions (user_id, token_hash, accessed_at) VALUES (?, ?, ?), (?, ?, ?), (?, ?, NOW(6))',
      [person, 'a'.repeat(64), old, robot, 'b'.repeat(64), old, person, 'c'.repeat(64)]);
    await trigger('cleanups_then_aggregation');
    expect((await sql('SELECT token_hash FROM sessions ORDER BY token_hash')).map((r) => String(r['token_hash'])[0])).toEqual(['b', 'c']);
  });

  it('posts Fleet\'s host status webhook when enough hosts are unseen, and records a failing destination', async () => {
    await sql('DELETE FROM hosts');
    const seen = await host(0);
    const gone = [await host(3), await host(4)];
    const settings = (pct: number) => ({ webhook_settings: { interval: '1h', host_status_webhook: { enable_host_status_webhook: true, destination_url: hook.url(), host_percentage: pct, days_count: 2 } } });
    const config = new AppConfigRepository(db.dataSource);
    await config.save(settings(70));
    expect((await trigger('automations')).errors).toBeNull();
    await settled();
    expect(hook.bodies).toEqual([]);
    await config.save(settings(60));
    expect((await trigger('automations')).errors).toBeNull();
    await settled();
    expect(hook.bodies).toEqual([{
      text: "More than 66.67% of your hosts have not checked into Fleet for more than 2 days. You've been sent this message because the Host status webhook is enabled in your Fleet instance.",
      data: { unseen_hosts: 2, total_hosts: 3, days_unseen: 2, host_ids: gone },
    }]);
    expect(seen).toBeLessThan(gone[0]);
    // The run queues the POST and completes; the queue retries what the destination refuses.
    const retriesBefore = await scrapeMetric(app.url, 'fleet_job_retries_total', { queue: 'webhook_delivery' });
    hook.status.code = 503;
    const failed = await trigger('automations');
    expect(failed).toMatchObject({ status: 'completed', errors: null });
    await refusedAttemptLogged(/^127\.0\.0\.1:\d+ answered HTTP 503$/);
    expect(hook.refused.count).toBeGreaterThanOrEqual(1);
    expect(await scrapeMetric(app.url, 'fleet_job_retries_total', { queue: 'webhook_delivery' })).toBeGreaterThan(retriesBefore);
    hook.status.code = 200;
    await eventually('the refused POST, retried', () => hook.bodies.length, (n) => n === 2, 15_000, 50);
    expect(hook.bodies[1]).toEqual(hook.bodies[0]);
    // Each run alerts once, even with the same text.
    expect((await trigger('automations')).errors).toBeNull();
    await settled();
    expect(hook.bodies).toHaveLength(3);
  });

  it('posts each host newly failing a listed policy once, in batches, and re-sends what a down destination missed', async () => {
    await sql('DELETE FROM hosts');
    hook.bodies.length = 0;
    hook.status.code = 200;
    const pol = (await sql<{ insertId: number }>("INSERT INTO policies (name, query, description, resolution, platforms) VALUES ('Disk encrypted', 'SELECT 1', 'd', 'Turn on FileVault', 'darwin')")).insertId;
    const unlisted = (await sql<{ insertId: number }>("INSERT INTO policies (name, query, description, resolution) VALUES ('Other', 'SELECT 1', '', '')")).insertId;
    const [a, b, c] = [await host(0), await host(0), await host(0)];
    const answer = (hostId: number, policyId: number, passes: boolean) =>
      sql('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE passes = VALUES(passes)', [policyId, hostId, passes]);
    await answer(a, pol, false); await answer(b, pol, false); await answer(c, pol, true); await answer(c, unlisted, false);
    await new AppConfigRepository(db.dataSource).save({
      server_settings: { server_url: 'https://fleet.example.com/' },
      webhook_settings: { failing_policies_webhook: { enable_failing_policies_webhook: true, destination_url: hook.url(), policy_ids: [pol], host_batch_size: 1 } },
    });
    expect((await trigger('automations')).errors).toBeNull();
    await settled();
    type Sent = { timestamp: string; policy: Record<string, unknown>; hosts: Array<{ id: number; hostname: string; url: string }> };
    const sent = () => (hook.bodies as Sent[]).map((x) => x.hosts.map((h) => h.id));
    // The batches of one run are sent by concurrent deliveries, in any order.
    expect([...sent()].sort((x, y) => x[0] - y[0])).toEqual([[a], [b]]);
    const first = (hook.bodies as Sent[]).find((x) => x.hosts[0]?.id === a)!;
    expect(first.policy).toMatchObject({ id: pol, name: 'Disk encrypted', resolution: 'Turn on FileVault', platform: 'darwin', team_id: null, passing_host_count: 1, failing_host_count: 2 });
    expect(first.hosts[0]).toEqual({ id: a, hostname: names.get(a)?.hostname, display_name: names.get(a)?.hostname, url: `https://fleet.example.com/hosts/${a}` });
    expect(Date.parse(first.timestamp)).not.toBeNaN();
    expect((await trigger('automations')).errors).toBeNull();
    await settled();
    expect(sent()).toHaveLength(2);
    await answer(a, pol, true);
    await answer(c, pol, false);
    hook.status.code = 503;
    // The run queues c's POST and completes; the destination refuses it until it is back, then gets it from a retry.
    expect((await trigger('automations')).errors).toBeNull();
    await refusedAttemptLogged(/^127\.0\.0\.1:\d+ answered HTTP 503$/);
    hook.status.code = 200;
    await eventually('the refused POST, retried', () => sent().length, (n) => n === 3, 15_000, 50);
    expect(sent().slice(2)).toEqual([[c]]);
    await answer(a, pol, false);
    expect((await trigger('automations')).errors).toBeNull();
    await settled();
    expect(sent().slice(2)).toEqual([[c], [a]]);
  });

  it('never runs a schedule while another replica holds its lease, and expires the run of a replica that died', async () => {
    await app.redis.set(cronKeys.lease('cleanups_then_aggregation'), 'other-replica', 'PX', 60_000);
    const died = await sql<{ insertId: number }>("INSERT INTO cron_stats (name, instance, stats_type, status) VALUES ('cleanups_then_aggregation', 'dead', 'scheduled', 'pending')");
    const queued = await runs.queue('cleanups_then_aggregation');
    // Every tick after the first finds the queued run due and fails to take the lease.
    await furtherTicks(3);
    expect((await runs.recent('cleanups_then_aggregation')).find((r) => r.id === queued)?.status).toBe('queued');
    await app.redis.del(cronKeys.lease('cleanups_then_aggregation'));
    await eventually('the queued run', async () => (await runs.recent('cleanups_then_aggregation')).find((r) => r.id === queued)?.status === 'completed', (ok) => ok, 10_000, 50);
    expect((await runs.recent('cleanups_then_aggregation')).find((r) => r.id === died.insertId)?.status).toBe('expired');
    // The run is recorded as completed just before its lease is released.
    await eventually('the lease released', () => app.redis.exists(cronKeys.lease('cleanups_then_aggregation')), (n) => n === 0, 5_000, 50);
  });
});
