import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, TcpProxy } from '@fleet/testing';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

const HOSTS = 6;
const BATCHES = 3;
const LINES = 4;

/**
 * "Nothing lost, nothing doubled" for result logs when Redis fails between the two steps of a /log request
 * (the lines go to the log destination; the snapshot query reports go to a Redis stream). Simulated agents
 * behave as osquery does: a batch answered with `error` is kept and sent again until it is accepted. Redis
 * is cut the moment the webhook destination receives its first batch, before it answers, so the request
 * that delivered it meets a dead Redis afterwards; it comes back once agents have been refused. Every line
 * carries its identity, and the destination counts each one.
 */
describe('result logs across a Redis outage', () => {
  const redis = new TcpProxy('127.0.0.1', 6379);
  let kit: IngestKit;
  let server: Server;
  const deliveries = new Map<string, number>();
  let posts = 0;
  let destinationUp = true;
  let cutDone: Promise<void> | undefined;
  /** `error` answers the simulated agents got so far. */
  let refusals = 0;

  const lineId = (host: number, batch: number, line: number): string => `h${host}-b${batch}-l${line}`;
  /** One osquery result batch: event-format snapshot lines of the scheduled query `usb` (one row each) and a line of a query Fleet does not know. */
  const batch = (host: number, n: number): unknown[] => [
    ...Array.from({ length: LINES - 1 }, (_, l) => ({
      name: 'pack/Global/usb', hostIdentifier: `outage-${host}`, unixTime: 1_704_067_200 + n * 60, action: 'snapshot', counter: n,
      decorations: { line_id: lineId(host, n, l) }, columns: { model: `m-${host}-${n}`, line: String(l) },
    })),
    { name: 'local_schedule_query', hostIdentifier: `outage-${host}`, unixTime: 1_704_067_200 + n * 60, action: 'added', columns: { a: '1' }, decorations: { line_id: lineId(host, n, LINES - 1) } },
  ];

  /** Sends one batch until it is accepted, as osquery's log forwarder does; returns how many answers were `error`. */
  const sendUntilAccepted = async (nodeKey: string, data: unknown[]): Promise<number> => {
    let refused = 0;
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const res = await kit.post('/api/osquery/log', { node_key: nodeKey, log_type: 'result', data });
      if (!('error' in res.json)) {
        expect(res).toEqual({ status: 200, json: {} });
        return refused;
      }
      expect(res.json['node_invalid']).not.toBe(true);
      refused += 1;
      refusals += 1;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('batch never accepted');
  };
  const reportRows = (hostIds: number[]) => kit.db.dataSource.query<Array<{ host_id: number; data: unknown }>>('SELECT host_id, data FROM query_results WHERE host_id IN (?) ORDER BY host_id, id', [hostIds]);

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (!destinationUp) {
          res.writeHead(503).end();
          return;
        }
        for (const line of JSON.parse(body) as Array<{ decorations: { line_id: string } }>) {
          deliveries.set(line.decorations.line_id, (deliveries.get(line.decorations.line_id) ?? 0) + 1);
        }
        posts += 1;
        // Redis goes away after the first batch reached the destination and before the destination answers.
        if (posts === 1) cutDone = redis.cut();
        void (cutDone ?? Promise.resolve()).then(() => res.writeHead(200).end('ok'));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/results`;
    await redis.open();
    kit = await startIngestKit('log_redis_outage', { osquery_result_log_plugin: 'webhook', webhook_result_url: url }, (c) => ({
      ...c,
      redis: { ...c.redis, address: redis.address, read_timeout: 1000 },
    }));
    await kit.db.dataSource.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('usb', '', 'SELECT * FROM usb_devices', 60, 'snapshot', 1)");
  });
  afterAll(async () => {
    await redis.open().catch(() => undefined);
    await kit.close();
    await redis.cut();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('delivers every line exactly once and keeps every host\'s latest report', async () => {
    const nodeKeys: string[] = [];
    for (let h = 0; h < HOSTS; h += 1) {
      nodeKeys.push(await kit.enroll(`outage-${h}`));
      // The config fetch loads the agent catalog into the process, as a real agent's first check-in does.
      expect((await kit.post('/api/osquery/config', { node_key: nodeKeys[h] })).status).toBe(200);
    }
    const hostIds = (await kit.db.dataSource.query<Array<{ id: number }>>("SELECT id FROM hosts WHERE osquery_host_id LIKE 'outage-%' ORDER BY osquery_host_id")).map((r) => r.id);

    const agents = nodeKeys.map(async (nodeKey, h) => {
      for (let n = 0; n < BATCHES; n += 1) await sendUntilAccepted(nodeKey, batch(h, n));
    });
    // Redis comes back once agents were refused while it was away.
    await eventually('agents refused while Redis is down', () => refusals, (r) => r >= HOSTS, 20_000, 20);
    await redis.open();
    await Promise.all(agents);

    const expected = HOSTS * BATCHES * LINES;
    const twice = [...deliveries].filter(([, n]) => n > 1);
    expect({ delivered: deliveries.size, duplicated: twice.length }).toEqual({ delivered: expected, duplicated: 0 });
    expect([...deliveries.values()].reduce((a, b) => a + b, 0)).toBe(expected);

    // Each host's report is its last batch's snapshot (the rows of its snapshot lines), written once.
    const latest = (rows: Array<{ host_id: number; data: unknown }>) =>
      rows.every((row) => JSON.stringify(row.data).includes(`m-${hostIds.indexOf(row.host_id)}-${BATCHES - 1}`));
    const rows = await eventually('reports written', () => reportRows(hostIds), (r) => r.length === HOSTS * (LINES - 1) && latest(r), 15_000, 100);
    expect(rows).toHaveLength(HOSTS * (LINES - 1));
  });

  it('a destination failure after the reports were queued still answers `error`, and the resend delivers each line once', async () => {
    deliveries.clear();
    const nodeKey = await kit.enroll('outage-dest');
    destinationUp = false;
    const failed = await kit.post('/api/osquery/log', { node_key: nodeKey, log_type: 'result', data: batch(99, 0) });
    expect(failed.status).toBe(413);
    expect(String(failed.json['error'])).toContain('error writing result logs');
    expect(deliveries.size).toBe(0);
    destinationUp = true;
    expect(await sendUntilAccepted(nodeKey, batch(99, 0))).toBe(0);
    expect([...deliveries.values()]).toEqual(Array.from({ length: LINES }, () => 1));
  });
});
