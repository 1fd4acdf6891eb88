import { gzipSync } from 'node:zlib';
import { Body, Controller, Inject, Module, Post } from '@nestjs/common';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { createTestDatabase, startTestApp, testConfig } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';

/** A stand-in agent route, so that the plumbing is tested without the ingest role. */
@Controller('api/osquery')
class EchoController {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @Post('distributed/read')
  async read(): Promise<{ queries: Record<string, string> }> {
    await new Promise((r) => setTimeout(r, 5));
    this.logger.info('after an async hop');
    return { queries: {} };
  }

  @Post('log')
  log(@Body() body: unknown): { received: unknown } {
    return { received: body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('HTTP plumbing shared by every role', () => {
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

  it('inflates gzip request bodies', async () => {
    const body = gzipSync(JSON.stringify({ hello: 'world' }));
    const res = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ received: { hello: 'world' } });
  });

  it('refuses a small gzip body that inflates past the limit, with an agent error body', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(limit);
    const res = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
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
    const res = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' });
    expect(res.status).toBe(413);
  });

  it('refuses an undeclared encoding and corrupt gzip', async () => {
    const br = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'br' } });
    expect(br.status).toBe(415);
    const corrupt = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body: 'not gzip at all', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(corrupt.status).toBe(400);
  });

  it('reads a body as JSON whatever its Content-Type, an empty one as none, and answers bad JSON with an agent error body', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', undefined]) {
      const res = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body: '{"a":1}', headers: type ? { 'content-type': type } : {} });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ received: { a: 1 } });
    }
    const empty = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(201);
    const bad = await fetch(`${app.url}/api/osquery/log`, { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'json decoder error', node_invalid: false });
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const kept = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id on log lines written while serving the request where the admin API is served, and on agent routes only with debug logging', async () => {
    const hop = async (target: TestApp, id: string): Promise<unknown> => {
      const res = await fetch(`${target.url}/api/osquery/distributed/read`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-request-id': id } });
      expect(res.status).toBe(201);
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

  it('protects /metrics with basic auth and reports requests by route pattern', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Basic ${Buffer.from('metrics:pw').toString('base64')}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{handler="\/healthz",method="GET",code="200",role="ingest"\} \d+/);
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
});
