import { connect } from 'node:net';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { FleetSimulator } from '@fleet/simulator';
import { RedisServerProcess } from '../integration/redis-server';
import { AgentWindowTap } from './agent-window';
import type { AgentWindow } from './agent-window';
import { ENROLL_SECRET, createDatabase, freePort, logPath, sleep, startServer } from './fleet-stack';

export interface SlowClientsOptions {
  readonly fleetMain: string;
  readonly runDir: string;
  readonly hosts: number;
  readonly slowloris: number;
  readonly websocketReaders: number;
  /** Length of the baseline and of the attack window. */
  readonly windowMs: number;
  readonly log: (line: string) => void;
}

export interface SlowClientsResult {
  readonly hosts: number;
  /** Agent traffic with nobody misbehaving, and with the slow clients attached. */
  readonly baseline: AgentWindow;
  readonly underAttack: AgentWindow;
  readonly slowloris: { readonly opened: number; readonly refused: number; readonly closedByServer: number; readonly stillOpen: number; readonly firstClosedAfterMs: number | null };
  readonly websocket: {
    readonly clients: number;
    /** Result bytes the campaign produced (what one reading client received), and what the stalled ones took before they stopped. */
    readonly campaignBytes: number;
    readonly readBeforeStall: number;
    readonly closedByServer: ReadonlyArray<{ readonly code: number; readonly reason: string }>;
  };
  readonly serverRssMb: { readonly before: number | null; readonly peak: number | null; readonly after: number | null };
  readonly durationSec: number;
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** A results websocket selecting `campaignId`; `stall()` stops reading (the socket's receive buffer fills, then the server's send queue). */
function resultsClient(url: string, token: string, campaignId: number): { ws: WebSocket; bytes: () => number; closed: Promise<{ code: number; reason: string }> } {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/latest/fleet/results/websocket`);
  let bytes = 0;
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'auth', data: { token } }));
    ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
  });
  ws.on('message', (d: Buffer) => (bytes += d.length));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
  return { ws, bytes: () => bytes, closed };
}

/**
 * Slow clients while agents check in: `slowloris` connections that send a request's headers a line every 5 s and
 * never finish them, and `websocketReaders` results websockets that stop reading a live query's result stream
 * after its first bytes. Agent latency and errors are measured over a baseline window and over an equal window
 * with the slow clients attached; server memory is sampled throughout.
 */
export async function runSlowClients(o: SlowClientsOptions): Promise<SlowClientsResult> {
  const started = Date.now();
  const redis = new RedisServerProcess();
  await redis.start();
  const db = await createDatabase(o.fleetMain, 'slow', redis.address);
  await db.mysql.query('UPDATE app_config_json SET json_value = ? WHERE id = 1', [JSON.stringify({
    agent_options: { config: { options: { distributed_interval: 5, logger_tls_period: 5, pack_delimiter: '/' } } },
  })]);
  const server = await startServer({ fleetMain: o.fleetMain, flags: {}, env: db.env, listen: `127.0.0.1:${await freePort()}`, logFile: logPath(o.runDir, 'slow-server') })
    .catch(async (err: unknown) => {
      await db.drop();
      await redis.stop();
      throw err;
    });
  const sim = new FleetSimulator({ serverUrl: server.url, enrollSecret: ENROLL_SECRET, hosts: o.hosts, rampMs: Math.min(20_000, o.hosts * 10), seed: 5, connections: 256 });
  const tap = new AgentWindowTap(sim.stats);
  const sockets: Socket[] = [];
  const readers: Array<ReturnType<typeof resultsClient>> = [];
  let peak: number | null = null;
  const sampler = setInterval(() => {
    const rss = server.rssMb();
    if (rss !== undefined && (peak === null || rss > peak)) peak = rss;
  }, 250);
  try {
    const token = String((await post(server.url, '/api/v1/setup', {
      admin: { name: 'slow', email: 'slow@example.com', password: 'Slow-passw0rd!!', password_confirmation: 'Slow-passw0rd!!' }, org_info: { org_name: 'Slow' }, server_url: server.url,
    }))['token']);
    sim.start();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && sim.hosts.some((h) => h.currentNodeKey === '')) await sleep(250);
    await sleep(10_000);
    tap.take();
    await sleep(o.windowMs);
    const baseline = tap.take();
    const before = server.rssMb() ?? null;
    peak = before;
    o.log(`[slow] baseline: ${baseline.requests} requests, check-in p99 ${baseline.checkinMs.p99} ms; attaching ${o.slowloris} slowloris connections and ${o.websocketReaders} stalled websocket readers`);

    // Slowloris: valid start of a request, then one more header line every 5 s, never the blank line.
    let refused = 0;
    let closedByServer = 0;
    let firstClosedAt: number | null = null;
    const attackStart = Date.now();
    const port = Number(new URL(server.url).port);
    for (let i = 0; i < o.slowloris; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'ECONNREFUSED') refused++; });
      s.on('connect', () => s.write('POST /api/v1/osquery/distributed/read HTTP/1.1\r\nHost: fleet\r\nContent-Type: application/json\r\n'));
      s.on('close', () => {
        if ((s as Socket & { ours?: boolean }).ours) return;
        closedByServer++;
        firstClosedAt ??= Date.now();
      });
      sockets.push(s);
    }
    const drip = setInterval(() => { for (const s of sockets) if (!s.destroyed) s.write(`X-Slow-${Date.now() % 1000}: 1\r\n`); }, 5000);

    // A live query to every host with a large answer each, read by one client to its end and by the stalled ones.
    const [label] = (await db.mysql.query("SELECT id FROM labels WHERE name = 'All Hosts'"))[0] as Array<{ id: number }>;
    const campaign = await post(server.url, '/api/latest/fleet/queries/run', { query: 'SELECT * FROM software', selected: { labels: [label?.id] } }, token);
    const campaignId = Number((campaign['campaign'] as { id: number }).id);
    const reference = resultsClient(server.url, token, campaignId);
    for (let i = 0; i < o.websocketReaders; i++) {
      const c = resultsClient(server.url, token, campaignId);
      c.ws.once('message', () => c.ws.pause());
      readers.push(c);
    }
    await sleep(o.windowMs);
    clearInterval(drip);
    const underAttack = tap.take();
    const campaignBytes = reference.bytes();
    reference.ws.close();
    const readBeforeStall = readers.reduce((n, r) => n + r.bytes(), 0);
    const closes = await Promise.all(readers.map((r) => Promise.race([r.closed, sleep(100).then(() => null)])));
    const stillOpen = sockets.filter((s) => !s.destroyed).length;
    o.log(`[slow] under attack: ${underAttack.requests} requests, ${underAttack.errors} errors, check-in p99 ${underAttack.checkinMs.p99} ms; server RSS ${before} → peak ${peak} MiB`);
    for (const s of sockets) {
      (s as Socket & { ours?: boolean }).ours = true;
      s.destroy();
    }
    for (const r of readers) r.ws.terminate();
    await sleep(2000);
    return {
      hosts: o.hosts, baseline, underAttack,
      slowloris: { opened: o.slowloris, refused, closedByServer, stillOpen, firstClosedAfterMs: firstClosedAt === null ? null : firstClosedAt - attackStart },
      websocket: { clients: o.websocketReaders, campaignBytes, readBeforeStall, closedByServer: closes.filter((c): c is { code: number; reason: string } => c !== null) },
      serverRssMb: { before, peak, after: server.rssMb() ?? null }, durationSec: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    clearInterval(sampler);
    for (const s of sockets) s.destroy();
    for (const r of readers) r.ws.terminate();
    await sim.stop();
    await server.stop();
    await db.drop();
    await redis.stop();
  }
}
