import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, nanos } from 'nats';
import type { JetStreamManager, NatsConnection } from 'nats';
import { processEnv } from '@fleet/config';
import { eventually, readJsonLines } from '@fleet/testing';
import { startIngestKit } from '../../testing/ingest-test-kit';
import type { IngestKit } from '../../testing/ingest-test-kit';
import { NatsServerProcess } from '../../testing/nats-server.process';

/**
 * Three named destinations at once on the real brokers' protocols: a file, NATS JetStream (a nats-server of the
 * test's own, so it can be stopped) and a webhook, with routing rules. Every line carries a unique `seq`; the
 * test works out from the rules which destinations each line must reach and counts, per line and destination,
 * what arrived. Then NATS is stopped for OUTAGE_MS (15 s here; `FLEET_TEST_NATS_OUTAGE_MS=120000` for the
 * two-minute figure) while agents keep sending: the agents are answered at once, the file and the webhook keep
 * receiving within 5 s, and once NATS is back every detection is in the stream exactly once (the records' ids
 * are the Nats-Msg-Id and the stream's duplicate window covers the outage).
 */
const OUTAGE_MS = Number(processEnv()['FLEET_TEST_NATS_OUTAGE_MS'] ?? 15_000);
const HOSTS = 4;
const STREAM = 'OSQUERY_DETECTIONS';

type Destination = 'files' | 'detections' | 'hook';
const KINDS = ['detect_ssh', 'usb', 'noisy_proc', 'status'] as const;
/** What the rules below send where, written out by hand. */
const EXPECTED: Record<(typeof KINDS)[number], Destination[]> = {
  detect_ssh: ['files', 'detections'],
  usb: ['files'],
  noisy_proc: ['hook'],
  status: ['files', 'hook'],
};

describe('named log destinations with routing rules: filesystem, NATS JetStream, webhook', () => {
  let kit: IngestKit;
  let nats: NatsServerProcess;
  let reader: NatsConnection | undefined;
  let webhook: Server;
  const hook: Array<Record<string, unknown>> = [];
  const hookSeenAt = new Map<string, number>();
  const dir = mkdtempSync(join(tmpdir(), 'fleet-routed-'));
  const file = join(dir, 'all.log');
  const nodeKeys: string[] = [];
  /** seq → the kind of line it is. */
  const sent = new Map<string, (typeof KINDS)[number]>();

  const fileLines = (): Array<Record<string, unknown>> => readJsonLines(file);
  const seqOf = (line: Record<string, unknown>): string => String((line['columns'] as Record<string, unknown> | undefined)?.['seq'] ?? line['message']);

  const jsm = async (): Promise<JetStreamManager> => {
    reader ??= await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    return reader.jetstreamManager();
  };
  /** What the stream holds; nothing while the reader is still reconnecting after a restart (the caller polls again). */
  const streamSeqs = async (): Promise<string[]> => {
    const m = await jsm().catch(() => null);
    if (!m) return [];
    const info = await m.streams.info(STREAM).catch(() => null);
    if (!info) return [];
    const out: string[] = [];
    for (let s = info.state.first_seq; s <= info.state.last_seq && info.state.messages > 0; s += 1) {
      const msg = await m.streams.getMessage(STREAM, { seq: s });
      out.push(seqOf(JSON.parse(new TextDecoder().decode(msg.data)) as Record<string, unknown>));
    }
    return out;
  };

  /** One agent batch: a result request with one line of each result kind, then a status request. */
  const sendBatch = async (h: number, n: number): Promise<void> => {
    const results = KINDS.filter((k) => k !== 'status').map((k) => {
      const seq = `${k}-${h}-${n}`;
      sent.set(seq, k);
      return { name: `pack/Global/${k}`, hostIdentifier: `routed-${h}`, unixTime: 1_700_000_000 + n, action: 'added', columns: { seq } };
    });
    const statusSeq = `status-${h}-${n}`;
    sent.set(statusSeq, 'status');
    const r1 = await kit.post('/api/osquery/log', { node_key: nodeKeys[h], log_type: 'result', data: results });
    const r2 = await kit.post('/api/osquery/log', { node_key: nodeKeys[h], log_type: 'status', data: [{ severity: 0, filename: 'f.cpp', line: 1, message: statusSeq }] });
    expect([r1, r2]).toEqual([{ status: 200, json: {} }, { status: 200, json: {} }]);
  };

  const metric = async (name: string, destination: Destination): Promise<number> => {
    const text = await (await fetch(`${kit.app.url}/metrics`)).text();
    const m = new RegExp(`^${name}\\{[^}]*destination="${destination}"[^}]*\\} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : NaN;
  };

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    await (await jsm()).streams.add({ name: STREAM, subjects: ['osquery.detections.>'], duplicate_window: nanos(10 * 60_000) });
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        for (const line of JSON.parse(body) as Array<Record<string, unknown>>) {
          hook.push(line);
          hookSeenAt.set(seqOf(line), Date.now());
        }
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    const destinations = [
      { name: 'files', kind: 'filesystem', exclude: [{ query: 'noisy_*' }], filesystem: { path: file } },
      { name: 'detections', kind: 'nats', log_types: ['result'], include: [{ query: 'detect_*' }], nats: { server: nats.url, result_subject: 'osquery.detections.{log.hostIdentifier}', timeout: '2s' } },
      { name: 'hook', kind: 'webhook', include: [{ log_type: 'status' }, { query: 'noisy_*' }], webhook: { url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/logs` } },
    ];
    kit = await startIngestKit('routed_logs', {
      osquery_result_log_plugin: 'none', osquery_status_log_plugin: 'none',
      log_routing_destinations: JSON.stringify(destinations), log_routing_retry_interval: '200ms',
    });
    for (let h = 0; h < HOSTS; h += 1) nodeKeys.push(await kit.enroll(`routed-${h}`));
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
    await reader?.close();
    await nats?.dispose();
    await new Promise<void>((r) => webhook.close(() => r()));
  });

  /** seq → how many times each destination got it. */
  const counts = async (): Promise<Map<string, Record<Destination, number>>> => {
    const out = new Map<string, Record<Destination, number>>();
    const add = (seq: string, d: Destination): void => {
      const c = out.get(seq) ?? { files: 0, detections: 0, hook: 0 };
      c[d] += 1;
      out.set(seq, c);
    };
    for (const l of fileLines()) add(seqOf(l), 'files');
    for (const l of hook) add(seqOf(l), 'hook');
    for (const s of await streamSeqs()) add(s, 'detections');
    return out;
  };
  const expectedCounts = (): Map<string, Record<Destination, number>> =>
    new Map([...sent].map(([seq, kind]) => [seq, { files: 0, detections: 0, hook: 0, ...Object.fromEntries(EXPECTED[kind].map((d) => [d, 1])) }]));

  it('delivers every line to exactly the destinations its rules name, once each', async () => {
    for (let n = 0; n < 5; n += 1) for (let h = 0; h < HOSTS; h += 1) await sendBatch(h, n);
    const want = expectedCounts();
    const got = await eventually('every line delivered', counts, (c) => c.size === want.size && [...want].every(([s, w]) => JSON.stringify(c.get(s)) === JSON.stringify(w)), 20_000, 100);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  });

  it(`keeps answering agents and delivering to the others while NATS is down for ${OUTAGE_MS / 1000} s, then delivers every detection once`, async () => {
    await nats.stop();
    const started = Date.now();
    let maxLagMs = 0;
    let n = 100;
    while (Date.now() - started < OUTAGE_MS) {
      const h = n % HOSTS;
      const acceptedAt = Date.now();
      await sendBatch(h, n);
      // The status line goes to the file and the webhook: both must have it within 5 s although NATS is down.
      const seq = `status-${h}-${n}`;
      await eventually(`${seq} in the file and the webhook`, () => fileLines().some((l) => seqOf(l) === seq) && hookSeenAt.has(seq), (ok) => ok, 5_000, 20);
      maxLagMs = Math.max(maxLagMs, Date.now() - acceptedAt);
      n += 1;
    }
    expect(maxLagMs).toBeLessThan(5_000);
    expect(await metric('fleet_log_destination_lag', 'detections')).toBeGreaterThan(0);
    expect(await metric('fleet_log_destination_lag', 'files')).toBe(0);
    expect(await metric('fleet_log_destination_failures_total', 'detections')).toBeGreaterThan(0);

    await nats.resume();
    const want = expectedCounts();
    const got = await eventually('every line delivered after NATS came back', counts,
      (c) => c.size === want.size && [...want].every(([s, w]) => JSON.stringify(c.get(s)) === JSON.stringify(w)), 60_000, 250);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    expect(await eventually('detections lag back to 0', () => metric('fleet_log_destination_lag', 'detections'), (v) => v === 0, 10_000, 100)).toBe(0);
    expect(await metric('fleet_log_destination_delivered_lines_total', 'detections')).toBeGreaterThanOrEqual([...sent.values()].filter((k) => k === 'detect_ssh').length);
  }, OUTAGE_MS + 120_000);
});
