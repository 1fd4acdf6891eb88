import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { liveQueryRoutes as r } from '@fleet/contracts';
import { campaignKeys } from '@fleet/messaging';
import { eventually } from '@fleet/testing';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/**
 * The result streams against slow clients, with the gateway in this test process: its memory is measured as
 * V8 heap plus external memory (Buffers) after a full garbage collection, before and while clients that stopped
 * reading are attached. The paused clients' own unread data sits in the kernel, not in this process.
 */
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const ROWS = 16;
const CELL = 'x'.repeat(4000);
const SLOW_CLIENT_LOG = 'live query: slow results client dropped';
const WS_PATH = '/api/latest/fleet/results/websocket';
/** Every client a test opened, closed after it so the gateway can stop. */
const openClients: Array<() => void> = [];
afterEach(() => { for (const close of openClients.splice(0)) close(); });

function heldMemory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Campaigns seeded through each kit: their streams (~100 MiB) are deleted before the kit closes. */
const seeded = new Map<AdminTestKit, number[]>();
async function closeKit(kit: AdminTestKit): Promise<void> {
  const ids = seeded.get(kit) ?? [];
  if (ids.length) await kit.app.redis.del(...ids.map((id) => campaignKeys.results(id)));
  await kit.close();
}

/** Appends `answers` results of ROWS rows (~64 KiB each, rows numbered by `seq`) and the final status; returns the bytes written. */
async function seedCampaign(kit: AdminTestKit, campaignId: number, hostId: number, answers: number): Promise<number> {
  seeded.set(kit, [...(seeded.get(kit) ?? []), campaignId]);
  let bytes = 0;
  for (let i = 0; i < answers; i += 64) {
    const batch = kit.app.redis.pipeline();
    for (let j = i; j < Math.min(answers, i + 64); j++) {
      const rows = Array.from({ length: ROWS }, (_, k) => ({ seq: String(j * ROWS + k), data: CELL }));
      const m = JSON.stringify({ type: 'result', host_id: hostId, hostname: `h${hostId}`, rows, error: null, stats: {}, at: Date.now() });
      bytes += m.length;
      batch.xadd(campaignKeys.results(campaignId), '*', 'm', m);
    }
    await batch.exec();
  }
  await kit.app.redis.xadd(campaignKeys.results(campaignId), '*', 'm',
    JSON.stringify({ type: 'status', expected_results: 1, actual_results: 1, status: 'finished', ended: 'completed' }));
  return bytes;
}

/** What a client saw: result rows counted and checked to arrive in order (by `seq`), and how it ended. */
class Received {
  rows = 0;
  inOrder = true;
  last: { type: string; data: unknown } | undefined;
  finished = false;

  take(msg: { type: string; data: unknown }): void {
    this.last = msg;
    if (msg.type === 'result') {
      for (const row of (msg.data as { rows: Array<{ seq: string }> }).rows) {
        if (Number(row.seq) !== this.rows) this.inOrder = false;
        this.rows++;
      }
    }
    if (msg.type === 'status' && (msg.data as { status: string }).status === 'finished') this.finished = true;
  }
}

interface WsClient {
  readonly ws: WebSocket;
  readonly got: Received;
  /** Resolves with the close code and reason once the socket closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** A websocket client on the campaign; `paused` ones stop reading their socket right after selecting it. */
function openWs(kit: AdminTestKit, token: string, campaignId: number, paused: boolean): WsClient {
  const ws = new WebSocket(`${kit.app.url.replace('http', 'ws')}${WS_PATH}`);
  const got = new Received();
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'auth', data: { token } }));
    ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
    if (paused) ws.pause();
  });
  ws.on('message', (d: Buffer) => got.take(JSON.parse(d.toString()) as { type: string; data: unknown }));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  openClients.push(() => ws.terminate());
  return { ws, got, closed };
}

interface SseClient {
  readonly got: Received;
  readonly ids: string[];
  readonly idsInOrder: () => boolean;
  readonly ended: Promise<void>;
  resume(): void;
}

const streamIdLess = (a: string, b: string): boolean => {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am < bm || (am === bm && as < bs);
};

/** An SSE client on the campaign; a `paused` one stops reading its response (and so its socket) at once. */
function openSse(kit: AdminTestKit, token: string, campaignId: number, paused: boolean): SseClient {
  const got = new Received();
  const ids: string[] = [];
  let response: IncomingMessage | undefined;
  let wantPaused = paused;
  // Settles when the response ended or its connection went away; what arrived is in `got`.
  const ended = new Promise<void>((resolve) => {
    const req = httpRequest(`${kit.app.url}/api/v1/fleet/results/${campaignId}/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      response = res;
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        let cut = pending.indexOf('\n\n');
        while (cut >= 0) {
          const block = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          const id = /^id: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (id) ids.push(id);
          if (data) got.take(JSON.parse(data) as { type: string; data: unknown });
          cut = pending.indexOf('\n\n');
        }
      });
      res.on('end', () => resolve());
      res.on('close', () => resolve());
      res.on('error', () => resolve());
      if (wantPaused) res.pause();
    });
    req.on('error', () => resolve());
    req.end();
    openClients.push(() => req.destroy());
  });
  return {
    got, ids, ended,
    idsInOrder: () => ids.every((id, i) => i === 0 || streamIdLess(ids[i - 1], id)),
    resume: () => { wantPaused = false; response?.resume(); },
  };
}

describe('result streams bound what a slow client holds (MariaDB + Redis, gateway in this process)', () => {
  let kit: AdminTestKit;
  // Nobody is dropped here: the paused clients must still be there to resume.
  beforeAll(async () => { kit = await startAdminTestKit('lq_backpressure', { server_websocket_slow_client_timeout: '10m' }); });
  afterAll(async () => { await closeKit(kit); });

  it('a 96 MiB campaign with four paused websocket clients and a paused SSE client grows the server by less than 50 MiB; the others keep receiving; resumed clients get every row in order', async () => {
    const admin = await kit.user({});
    const host = await kit.host({}, 1);
    const run = await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [host] } } }, { token: admin.token });
    if (!run.ok) throw new Error(run.text);
    const id = run.body.campaign.id;
    const answers = 1600;
    const written = await seedCampaign(kit, id, host, answers);
    expect(written).toBeGreaterThanOrEqual(96 * MiB);

    const before = heldMemory();
    const paused = [0, 1, 2, 3].map(() => openWs(kit, admin.token, id, true));
    const slowSse = openSse(kit, admin.token, id, true);
    const reader = openWs(kit, admin.token, id, false);
    await eventually('the reading client gets the whole campaign', () => reader.got.finished, (done) => done, 300_000, 100);
    expect(reader.got.rows).toBe(answers * ROWS);
    expect(reader.got.inOrder).toBe(true);
    expect(paused.every((p) => p.ws.readyState === WebSocket.OPEN)).toBe(true);

    const grown = heldMemory() - before;
    expect(grown).toBeLessThan(50 * MiB);

    // A client that was only slow loses nothing: it resumes where its socket stopped and reads to the end, in order.
    paused[0].ws.resume();
    await eventually('the resumed websocket client reaches the end', () => paused[0].got.finished, (done) => done, 300_000, 100);
    expect(paused[0].got.rows).toBe(answers * ROWS);
    expect(paused[0].got.inOrder).toBe(true);
    slowSse.resume();
    await slowSse.ended;
    expect(slowSse.got.finished).toBe(true);
    expect(slowSse.got.rows).toBe(answers * ROWS);
    expect(slowSse.got.inOrder).toBe(true);
    expect(slowSse.idsInOrder()).toBe(true);
    for (const p of paused) p.ws.terminate();
    expect(kit.app.logs.filter((l) => l['msg'] === SLOW_CLIENT_LOG)).toEqual([]);
  }, 900_000);
});

describe('a client that does not drain in time is dropped (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => {
    kit = await startAdminTestKit('lq_slow_drop', { server_websocket_client_buffer: '256KiB', server_websocket_slow_client_timeout: '1s' });
  });
  afterAll(async () => { await closeKit(kit); });

  it('closes the websocket with 1013 and a reason, ends SSE after a final error event, and logs both', async () => {
    const admin = await kit.user({});
    const host = await kit.host({}, 1);
    const run = await kit.call(r.run, { body: { query: 'SELECT 1', selected: { hosts: [host] } } }, { token: admin.token });
    if (!run.ok) throw new Error(run.text);
    const id = run.body.campaign.id;
    // More than the kernel buffers of two loopback sockets hold, so the server side must fill up.
    await seedCampaign(kit, id, host, 800);

    const ws = openWs(kit, admin.token, id, true);
    const sse = openSse(kit, admin.token, id, true);
    const drops = await eventually('both slow clients are dropped', () => kit.app.logs.filter((l) => l['msg'] === SLOW_CLIENT_LOG),
      (lines) => lines.length >= 2, 120_000, 100);
    expect(drops.map((l) => l['transport']).sort()).toEqual(['sse', 'websocket']);
    expect(drops[0]).toMatchObject({ campaign_id: id, high_water_mark: 256 * 1024, timeout_ms: 1000 });

    ws.ws.resume();
    const closed = await ws.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toContain('too slow');
    expect(ws.got.last).toMatchObject({ type: 'error' });
    expect(ws.got.finished).toBe(false);

    sse.resume();
    await sse.ended;
    expect(sse.got.last).toMatchObject({ type: 'error' });
    expect(String(sse.got.last?.data)).toContain('too slow');
    expect(sse.got.finished).toBe(false);
    // What each client did receive before it was dropped was in order.
    expect(ws.got.inOrder && sse.got.inOrder && sse.idsInOrder()).toBe(true);
  }, 300_000);
});
