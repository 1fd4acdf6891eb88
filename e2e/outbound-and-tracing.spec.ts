import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, eventually } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { freePort, startFleet } from './support/fleet-process';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A span as the OTLP/HTTP JSON exporter sends it (only the fields these tests read). */
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes?: unknown[];
}
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CONSUMER = 5;

function spansOf(bodies: readonly string[]): OtlpSpan[] {
  type Export = { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> };
  return bodies.flatMap((b) => ((JSON.parse(b) as Export).resourceSpans ?? []).flatMap((r) => (r.scopeSpans ?? []).flatMap((s) => s.spans ?? [])));
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });

describe('the fleet binary talking to the outside', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('e2e_outbound');
    await db.dataSource.query("INSERT INTO enroll_secrets (secret) VALUES ('outbound-secret')");
    env = {
      FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: db.name,
      FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: `${db.name}:`, FLEET_SERVER_TLS: 'false', FLEET_LOGGING_JSON: 'true',
    };
  });
  afterAll(() => db.drop());

  it('exports OpenTelemetry traces of HTTP, MySQL and Redis over OTLP when tracing is on', async () => {
    const bodies: string[] = [];
    const collector = createServer((req, res) => {
      void readBody(req).then((b) => {
        if (req.url === '/v1/traces') bodies.push(b);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const collectorPort = await listen(collector);
    const port = await freePort();
    const fleet = await startFleet(['serve', '--role=api', `--server_address=127.0.0.1:${port}`, '--logging_tracing_enabled'],
      { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`, OTEL_SERVICE_NAME: 'fleet-e2e' }, 'listening on');
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      expect(await fleet.stop('SIGTERM')).toBe(0);
      await new Promise<void>((r) => collector.close(() => r()));
    }
    const all = bodies.join('\n');
    expect(all).toContain('fleet-e2e');
    expect(all).toMatch(/"name":"GET/);
    expect(all.toLowerCase()).toContain('mysql');
    expect(all.toLowerCase()).toMatch(/"name":"ping"|redis/);
  });

  it('follows an agent\'s distributed/write from its HTTP span into the stream consumer span that writes it, in one trace', async () => {
    const bodies: string[] = [];
    const collector = createServer((req, res) => {
      void readBody(req).then((b) => {
        if (req.url === '/v1/traces') bodies.push(b);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const collectorPort = await listen(collector);
    const port = await freePort();
    const fleet = await startFleet(['serve', '--role=ingest', `--server_address=127.0.0.1:${port}`, '--logging_tracing_enabled'],
      { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`, OTEL_SERVICE_NAME: 'fleet-e2e-ingest' }, 'listening on');
    try {
      const post = async (path: string, body: unknown): Promise<Record<string, unknown>> =>
        (await (await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()) as Record<string, unknown>;
      const { node_key: nodeKey } = await post('/api/osquery/enroll', { enroll_secret: 'outbound-secret', host_identifier: 'traced-host' });
      const [{ id: hostId }] = await db.dataSource.query<Array<{ id: number }>>("SELECT id FROM hosts WHERE osquery_host_id = 'traced-host'");
      expect(await post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_label_query_1: [{ '1': '1' }] }, statuses: { fleet_label_query_1: 0 } })).toEqual({});
      await eventually('label membership written by the stream consumer',
        () => db.dataSource.query('SELECT 1 FROM label_membership WHERE host_id = ? AND label_id = 1', [hostId]), (r) => r.length === 1, 15_000, 100);
    } finally {
      // Stopping flushes the exporter; the consumer span has ended by then (shutdown waits for the batch in hand).
      expect(await fleet.stop('SIGTERM')).toBe(0);
      await new Promise<void>((r) => collector.close(() => r()));
    }
    const spans = spansOf(bodies);
    const http = spans.find((s) => s.kind === SPAN_KIND_SERVER && JSON.stringify(s.attributes ?? []).includes('/api/osquery/distributed/write'));
    const consumer = spans.find((s) => s.kind === SPAN_KIND_CONSUMER && s.name === 'process fleet:stream:host_writes');
    expect(http).toBeDefined();
    expect(consumer).toBeDefined();
    expect(consumer?.traceId).toBe(http?.traceId);
    expect(consumer?.parentSpanId).toBe(http?.spanId);
    // The writer's MySQL statements run inside the consumer span.
    expect(spans.some((s) => s.parentSpanId === consumer?.spanId && s.traceId === consumer?.traceId)).toBe(true);
  });

  it('sends webhook log batches through HTTP_PROXY', async () => {
    const received: unknown[] = [];
    const webhook = createServer((req, res) => {
      void readBody(req).then((b) => {
        received.push(...(JSON.parse(b) as unknown[]));
        res.writeHead(200).end();
      });
    });
    const webhookPort = await listen(webhook);
    const tunnels: string[] = [];
    // A CONNECT proxy that records where it was asked to go and always connects to the local webhook:
    // the webhook URL's host does not resolve, so a delivery proves the request went through the proxy.
    const proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, socket: import('node:net').Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const upstream = connect(webhookPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    const proxyPort = await listen(proxy);
    const port = await freePort();
    const fleet = await startFleet(['serve', '--role=ingest', `--server_address=127.0.0.1:${port}`], {
      ...env, FLEET_OSQUERY_RESULT_LOG_PLUGIN: 'webhook', FLEET_WEBHOOK_RESULT_URL: 'http://logs.example.invalid:8088/osquery',
      HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: '127.0.0.1,localhost',
    }, 'listening on');
    try {
      const post = async (path: string, body: unknown): Promise<Record<string, unknown>> =>
        (await (await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()) as Record<string, unknown>;
      const { node_key: nodeKey } = await post('/api/osquery/enroll', { enroll_secret: 'outbound-secret', host_identifier: 'proxied-host' });
      const line = { name: 'pack/Global/x', hostIdentifier: 'proxied-host', unixTime: 1, snapshot: [{ a: '1' }] };
      expect(await post('/api/osquery/log', { node_key: nodeKey, log_type: 'result', data: [line] })).toEqual({});
      expect(tunnels).toEqual(['logs.example.invalid:8088']);
      expect(received).toEqual([line]);
    } finally {
      expect(await fleet.stop('SIGTERM')).toBe(0);
      await new Promise<void>((r) => proxy.close(() => r()));
      await new Promise<void>((r) => webhook.close(() => r()));
    }
  });
});
