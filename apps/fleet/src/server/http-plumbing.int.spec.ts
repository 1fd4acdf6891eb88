import { once } from 'node:events';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { Body, Controller, Inject, Injectable, Module, Post } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import type { Logger } from '@fleet/observability';
import { DirectRoutes, LOGGER } from '@fleet/platform';
import type { DirectRequest, Refusal } from '@fleet/platform';
import { createTestDatabase, eventually, startTestApp, testConfig } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';

/** What the stand-in routes saw: `log` bodies taken, and the gate a `slow` request waits at. */
const seen = { logs: 0, slowEntered: 0, releaseSlow: (): void => undefined };

async function readAfterHop(logger: Logger): Promise<{ queries: Record<string, string> }> {
  await delay(5);
  logger.info('after an async hop');
  return { queries: {} };
}

function echo(body: unknown): { received: unknown } {
  seen.logs += 1;
  return { received: body };
}

/** Stand-in agent routes as Nest controller routes (Fastify's), so that the plumbing is tested without the ingest role. */
@Controller('api/osquery')
class EchoController {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @Post('distributed/read')
  read(): Promise<{ queries: Record<string, string> }> {
    return readAfterHop(this.logger);
  }

  @Post('log')
  log(@Body() body: unknown): { received: unknown } {
    return echo(body);
  }
}

/** The same routes as direct routes (under /api/v1/osquery, as the ingest role serves agents), plus failing and slow ones. */
@Injectable()
class EchoDirectRoutes implements OnModuleInit {
  constructor(
    private readonly direct: DirectRoutes,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const refuse = (err: unknown, req: DirectRequest): Refusal => {
      if ((err as Error).message === 'refuse-throws') throw new Error('the refusal broke');
      return { status: 409, body: { error: (err as Error).message, req_id: req.id } };
    };
    const base = '/api/v1/osquery';
    this.direct.add({ path: `${base}/distributed/read`, handle: () => readAfterHop(this.logger), refuse });
    this.direct.add({ path: `${base}/log`, handle: (body) => Promise.resolve(echo(body)), refuse });
    this.direct.add({
      path: `${base}/fail`,
      handle: (body) => {
        const mode = (body as { mode: string }).mode;
        if (mode === 'throw') throw new Error('thrown');
        return Promise.reject(new Error(mode));
      },
      refuse,
    });
    this.direct.add({
      path: `${base}/slow`,
      handle: (_body, req) => {
        seen.slowEntered += 1;
        return new Promise((resolve) => {
          seen.releaseSlow = () => resolve({ done: req.id });
        });
      },
      refuse,
    });
  }
}

@Module({ controllers: [EchoController], providers: [EchoDirectRoutes] })
class EchoModule {}

const ROUTE_KINDS = [
  { kind: "Fastify's routes", base: '/api/osquery', ok: 201 },
  { kind: 'direct routes', base: '/api/v1/osquery', ok: 200 },
] as const;

/** Sends raw bytes on a new connection (an agent that goes away, or one request held open while the server drains). */
async function rawConnection(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  return socket;
}

describe('HTTP plumbing shared by every role and route', () => {
  let db: TestDatabase;
  let app: TestApp;
  const limit = 64 * 1024;

  beforeAll(async () => {
    db = await createTestDatabase('plumbing');
    const config = { ...db.config, prometheus: { basic_auth: { username: 'metrics', password: 'pw', disable: false } } };
    app = await startTestApp(config, { roles: ['ingest'], modules: [EchoModule], bodyLimits: [{ pathSuffix: '/osquery/log', bytes: limit }] });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe.each(ROUTE_KINDS)('$kind', ({ base, ok }) => {
    it('inflates gzip request bodies', async () => {
      const body = gzipSync(JSON.stringify({ hello: 'world' }));
      const res = await fetch(`${app.url}${base}/log`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
      expect(res.status).toBe(ok);
      expect(await res.json()).toEqual({ received: { hello: 'world' } });
    });

    it('refuses a small gzip body that inflates past the limit, with an agent error body', async () => {
      const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(limit);
      const res = await fetch(`${app.url}${base}/log`, { method: 'POST', body: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
      expect(res.status).toBe(413);
      const json = (await res.json()) as { error: string; node_invalid: boolean };
      expect(json.error).toContain(`larger than ${limit} bytes`);
      expect(json.node_invalid).toBe(false);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });

    it('counts a chunked body without Content-Length against the limit', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 8) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
      const res = await fetch(`${app.url}${base}/log`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' });
      expect(res.status).toBe(413);
    });

    it('refuses an undeclared encoding and corrupt gzip', async () => {
      const br = await fetch(`${app.url}${base}/log`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'br' } });
      expect(br.status).toBe(415);
      const corrupt = await fetch(`${app.url}${base}/log`, { method: 'POST', body: 'not gzip at all', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
      expect(corrupt.status).toBe(400);
    });

    it('reads a body as JSON whatever its Content-Type, an empty one as none, and answers bad JSON with an agent error body', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', undefined]) {
        const res = await fetch(`${app.url}${base}/log`, { method: 'POST', body: '{"a":1}', headers: type ? { 'content-type': type } : {} });
        expect(res.status).toBe(ok);
        expect(await res.json()).toEqual({ received: { a: 1 } });
      }
      const empty = await fetch(`${app.url}${base}/log`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      expect(empty.status).toBe(ok);
      const bad = await fetch(`${app.url}${base}/log`, { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'json decoder error', node_invalid: false });
    });

    it('puts the request id on log lines written while serving the request where the admin API is served, and on agent routes only with debug logging', async () => {
      const hop = async (target: TestApp, id: string): Promise<unknown> => {
        const res = await fetch(`${target.url}${base}/distributed/read`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-request-id': id } });
        expect(res.status).toBe(ok);
        target.logger.flush();
        return target.logs.find((l) => l['msg'] === 'after an async hop' && (l['req_id'] === undefined || l['req_id'] === id))?.['req_id'];
      };
      // A process that serves agents leaves the request context off (its promise hooks tax every check-in)...
      expect(await hop(app, 'trace-me-0')).toBeUndefined();
      // ...unless debug logging (or tracing) is on; one that serves the admin API keeps it.
      for (const [roles, debug] of [[['ingest'], true], [['api'], false]] as const) {
        const other = await startTestApp({ ...db.config, logging: { ...db.config.logging, debug } }, { roles: [...roles], modules: [EchoModule] });
        try {
          expect(await hop(other, `trace-me-${roles[0]}`)).toBe(`trace-me-${roles[0]}`);
        } finally {
          await other.close();
        }
      }
    });
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const kept = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('protects /metrics with basic auth and reports requests by route pattern', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Basic ${Buffer.from('metrics:pw').toString('base64')}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{handler="\/healthz",method="GET",code="200",role="ingest"\} \d+/);
    expect(text).toMatch(/http_requests_total\{handler="\/api\/v1\/osquery\/log",method="POST",code="200",role="ingest"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });

  it('never logs secrets', () => {
    const config = testConfig({ mysql_password: 'topsecret' });
    app.logger.info({ config, node_key: 'nk-secret', enroll_secret: 'es-secret', body: { node_key: 'nk2' } }, 'secret check');
    app.logger.flush();
    const line = JSON.stringify(app.logs.find((l) => l['msg'] === 'secret check'));
    expect(line).not.toContain('topsecret');
    expect(line).not.toContain('nk-secret');
    expect(line).not.toContain('es-secret');
    expect(line).not.toContain('nk2');
  });
  describe('direct routes only', () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(`${app.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

    it('routes a path with a trailing slash, a query string or percent-encoding, and leaves other methods to Fastify', async () => {
      for (const path of ['/api/v1/osquery/log/', '/api/v1/osquery/log?x=1', '/api/v1/osquery/%6Cog']) {
        const res = await post(path, '{"a":1}');
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(await res.json()).toEqual({ received: { a: 1 } });
      }
      const get = await fetch(`${app.url}/api/v1/osquery/log`);
      expect(get.status).toBe(404);
      expect(await get.json()).toMatchObject({ error: expect.any(String) as string });
    });

    it("answers a handler's failure, thrown or rejected, as the route says, and a failing refusal as a 500 naming the request id", async () => {
      for (const mode of ['throw', 'reject']) {
        const res = await post('/api/v1/osquery/fail', JSON.stringify({ mode }), { 'x-request-id': `fail-${mode}` });
        expect(res.status).toBe(409);
        expect(await res.json()).toEqual({ error: mode === 'throw' ? 'thrown' : 'reject', req_id: `fail-${mode}` });
      }
      const broken = await post('/api/v1/osquery/fail', '{"mode":"refuse-throws"}', { 'x-request-id': 'fail-refusal' });
      expect(broken.status).toBe(500);
      expect(await broken.json()).toEqual({ error: 'internal error (request id fail-refusal)', node_invalid: false });
      app.logger.flush();
      expect(app.logs.find((l) => l['req_id'] === 'fail-refusal' && l['msg'] === 'unhandled error')).toBeDefined();
    });

    it('refuses a body declared larger than the limit before reading it, and closes that connection', async () => {
      const res = await post('/api/v1/osquery/log', 'x'.repeat(limit + 1));
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toEqual({ error: `request body is larger than ${limit} bytes`, node_invalid: false });
    });

    it('drops a request whose client goes away mid-body, and keeps serving', async () => {
      const before = seen.logs;
      const socket = await rawConnection(app.url);
      socket.write('POST /api/v1/osquery/log HTTP/1.1\r\nHost: fleet\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"partial":');
      socket.destroy();
      await once(socket, 'close');
      const res = await post('/api/v1/osquery/log', '{"whole":true}');
      expect(await res.json()).toEqual({ received: { whole: true } });
      expect(seen.logs).toBe(before + 1);
    });

    it('finishes a request in flight when the server drains, closing its connection', async () => {
      const draining = await startTestApp(db.config, { roles: ['ingest'], modules: [EchoModule] });
      const socket = await rawConnection(draining.url);
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      const entered = seen.slowEntered;
      socket.write('POST /api/v1/osquery/slow HTTP/1.1\r\nHost: fleet\r\nX-Request-Id: in-flight\r\nContent-Length: 2\r\n\r\n{}');
      await eventually('the slow request reaches its handler', () => seen.slowEntered, (n) => n === entered + 1, 10_000, 20);
      const closed = draining.close();
      await eventually('the server stops listening', () => draining.app.getHttpServer().listening, (listening) => !listening, 10_000, 20);
      seen.releaseSlow();
      await once(socket, 'close');
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(answer.endsWith('{"done":"in-flight"}')).toBe(true);
    });
  });
});
