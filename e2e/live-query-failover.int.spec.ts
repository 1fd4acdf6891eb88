import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { ENROLL_SECRET, startNginxFleet } from './support/nginx-fleet';
import type { NginxFleet } from './support/nginx-fleet';
import { openSse } from './support/nginx-sse';
import type { SseConnection, SseEvent } from './support/nginx-sse';

const HOSTS = 300;
// Agents poll every 6 s ±50 %, so a campaign's answers trickle in over several seconds: long enough to kill
// a replica between the first answer and the last one.
const DISTRIBUTED_MS = 6000;
const KILL_AFTER_RESULTS = 60;

const until = (cond: () => Promise<boolean>, timeoutMs: number, what: string) => eventually(what, cond, (ok) => ok, timeoutMs, 200);

/** Redis stream ids ("ms-seq") in stream order. */
const streamOrder = (a: string, b: string): number => {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
};
/** The replica that answered: nginx lists every upstream it tried, the last one is the one that served. */
const served = (c: SseConnection): string => c.upstream.split(', ').at(-1) ?? '';
const parsed = (e: SseEvent) => JSON.parse(e.data) as { type: string; data: { host: { id: number }; rows: unknown[]; status: string; actual_results: number } };
const isFinal = (e: SseEvent): boolean => e.event === 'status' && parsed(e).data.status === 'finished';

/**
 * Acceptance 2 of issue 5: two api replicas behind a real nginx. A client streams a campaign over SSE through
 * nginx; mid-campaign the replica serving it is SIGKILLed; the client reconnects through nginx with
 * Last-Event-ID, lands on the other replica and resumes. Every stream id arrives exactly once and in order,
 * checked against the campaign's Redis stream itself.
 */
describe('live-query failover: a gateway replica dies mid-campaign behind nginx', () => {
  let fleet: NginxFleet;
  let sim: FleetSimulator;
  let token: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${fleet.nginx.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    fleet = await startNginxFleet(2);
    const setup = await api('POST', '/api/v1/setup', { admin: { email: 'admin@example.com', name: 'Admin', password: 'Failover-passw0rd!' }, org_info: { org_name: 'Failover' } });
    expect(setup.status).toBe(200);
    token = setup.body['token'] as string;
    sim = new FleetSimulator({ serverUrl: fleet.ingestUrl, enrollSecret: ENROLL_SECRET, hosts: HOSTS, intervals: { distributedMs: DISTRIBUTED_MS }, honorConfigIntervals: false, jitter: 0.5, rampMs: 2000 });
    sim.start();
    await until(async () => {
      const [rows] = await fleet.mysql.query('SELECT COUNT(*) AS n FROM hosts');
      return Number((rows as Array<{ n: number }>)[0].n) === HOSTS;
    }, 30_000, 'every simulated host to enroll');
  }, 90_000);

  afterAll(async () => {
    await sim?.stop();
    await fleet?.close();
  }, 30_000);

  it('resumes on the other replica through nginx with no row lost or repeated', async () => {
    const [labels] = await fleet.mysql.query("SELECT id FROM labels WHERE name = 'All Hosts'");
    const created = await api('POST', '/api/latest/fleet/queries/run', { query: 'SELECT * FROM osquery_info', selected: { labels: [(labels as Array<{ id: number }>)[0].id] } });
    expect(created.status).toBe(200);
    expect(created.body['campaign'].Metrics).toMatchObject({ TotalHosts: HOSTS, OnlineHosts: HOSTS });
    const id = created.body['campaign'].id as number;
    const url = `${fleet.nginx.url}/api/latest/fleet/results/${id}/events`;
    const auth = { authorization: `Bearer ${token}` };

    // First connection: once some answers arrived, SIGKILL the very replica streaming them (no graceful close).
    let results = 0;
    let victim = '';
    const first = await openSse(url, auth, (e, upstream) => {
      if (e.event === 'result' && ++results === KILL_AFTER_RESULTS) {
        victim = upstream.split(', ').at(-1) ?? '';
        fleet.api.get(victim)?.child.kill('SIGKILL');
      }
    });
    expect(await first.closed).toBe('cut');
    expect(victim).toBe(served(first));
    expect(fleet.api.has(victim)).toBe(true);
    expect(first.events.some(isFinal)).toBe(false);

    // Worst case for the reconnect: one request through nginx lands on the survivor, so round robin offers the
    // dead replica next and nginx must skip it (connection refused → proxy_next_upstream).
    const survivor = [...fleet.api.keys()].find((a) => a !== victim) ?? '';
    const probe = await fetch(`${fleet.nginx.url}/healthz`);
    expect([probe.status, probe.headers.get('x-upstream')]).toEqual([200, survivor]);

    // Reconnect exactly as an EventSource would: same URL through nginx, Last-Event-ID = last complete event.
    const lastId = first.events.at(-1)?.id ?? '';
    const second = await openSse(url, { ...auth, 'last-event-id': lastId });
    expect(await second.closed).toBe('ended');
    expect(second.upstream).toBe(`${victim}, ${survivor}`);
    const after = second.events.filter((e) => e.event === 'result').length;
    expect(after).toBeGreaterThan(0); // the kill really was mid-campaign
    expect(second.events.at(-1)).toBeDefined();
    expect(isFinal(second.events.at(-1)!)).toBe(true);
    expect(parsed(second.events.at(-1)!).data.actual_results).toBe(HOSTS);

    // Stream ids: unique and strictly increasing across both connections, and exactly the campaign's stream.
    const events = [...first.events, ...second.events];
    const ids = events.map((e) => e.id ?? '');
    expect(ids.every((i) => /^\d+-\d+$/.test(i))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(streamOrder(ids[i - 1], ids[i])).toBeLessThan(0);
    const stream = (await fleet.redis.xrange(`${fleet.redisPrefix}fleet:lq:{${id}}:results`, '-', '+')) as Array<[string, string[]]>;
    expect(ids).toEqual(stream.map(([sid]) => sid));

    // Rows: every answering host exactly once, with the same rows the stream holds; every enrolled host answered.
    const streamed = stream.map(([, f]) => JSON.parse(f[f.indexOf('m') + 1]) as { type: string; host_id: number; rows: unknown[] });
    const answered = streamed.filter((m) => m.type === 'result');
    const got = events.filter((e) => e.event === 'result').map(parsed);
    expect(got.map((m) => m.data.host.id)).toEqual(answered.map((m) => m.host_id));
    expect(new Set(got.map((m) => m.data.host.id)).size).toBe(HOSTS);
    expect(got.map((m) => m.data.rows.length)).toEqual(answered.map((m) => m.rows.length));
    const [hosts] = await fleet.mysql.query('SELECT id FROM hosts ORDER BY id');
    expect([...new Set(got.map((m) => m.data.host.id))].sort((a, b) => a - b)).toEqual((hosts as Array<{ id: number }>).map((h) => h.id));
    const totalRows = got.reduce((n, m) => n + m.data.rows.length, 0);
    await until(async () => {
      const [rows] = await fleet.mysql.query('SELECT status, responded_count, rows_count FROM distributed_query_campaigns WHERE id = ?', [id]);
      const c = (rows as Array<{ status: string; responded_count: number; rows_count: number }>)[0];
      return c.status === 'completed' && c.responded_count === HOSTS && c.rows_count === totalRows;
    }, 10_000, 'the campaign row to record every answer and row');
  }, 60_000);
});
