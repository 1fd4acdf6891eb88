import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { freePort, startFleet } from './support/fleet-process';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
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
