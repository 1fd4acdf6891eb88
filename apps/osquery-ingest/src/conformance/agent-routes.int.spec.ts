import { MetricsRegistry } from '@fleet/observability';
import { GLOBAL_SECRET, startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

/**
 * The agent routes are served on Fastify directly (AgentRouter), outside Nest's router: they must still get what
 * every route gets from the platform (server.url_prefix, the request id, the metrics by route pattern) and answer
 * a handler's failure in osquery's shape.
 */
describe('agent routes under server.url_prefix', () => {
  let kit: IngestKit;

  beforeAll(async () => {
    kit = await startIngestKit('agent_routes', {}, (c) => ({ ...c, server: { ...c.server, url_prefix: '/fleet/' } }));
  });
  afterAll(() => kit.close());

  it('serves every agent route under the prefix, on both API paths, and none without it', async () => {
    const enrolled = await kit.post('/fleet/api/osquery/enroll', { enroll_secret: GLOBAL_SECRET, host_identifier: 'prefixed-host', host_details: {} });
    expect(enrolled.status).toBe(200);
    const nodeKey = enrolled.json['node_key'] as string;
    expect(typeof nodeKey).toBe('string');
    for (const api of ['/fleet/api/osquery', '/fleet/api/v1/osquery']) {
      expect((await kit.post(`${api}/config`, { node_key: nodeKey })).json['options']).toBeDefined();
      expect((await kit.post(`${api}/distributed/read`, { node_key: nodeKey })).json['queries']).toBeDefined();
      expect(await kit.post(`${api}/distributed/write`, { node_key: nodeKey, queries: {}, statuses: {} })).toEqual({ status: 200, json: {} });
      expect(await kit.post(`${api}/log`, { node_key: nodeKey, log_type: 'status', data: [] })).toEqual({ status: 200, json: {} });
    }
    for (const path of ['/api/osquery/config', '/api/v1/osquery/distributed/read', '/fleet/api/v2/osquery/config']) {
      expect((await kit.post(path, { node_key: nodeKey })).status).toBe(404);
    }
  });

  it("answers a handler's failure with osquery's error body, and a bad body before the handler too", async () => {
    const unknown = await kit.post('/fleet/api/osquery/config', { node_key: 'no-such-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toMatchObject({ node_invalid: true });
    expect(typeof unknown.json['error']).toBe('string');
    const bad = await kit.postRaw('/fleet/api/v1/osquery/distributed/read', '{"node_key": ');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ node_invalid: false });
    expect(typeof bad.json['error']).toBe('string');
  });

  it('echoes the request id and counts requests by route pattern', async () => {
    const res = await fetch(`${kit.app.url}/fleet/api/osquery/config`, { method: 'POST', body: '{"node_key":"x"}', headers: { 'x-request-id': 'agent-req-1' } });
    expect(res.headers.get('x-request-id')).toBe('agent-req-1');
    await res.text();
    const exposition = await kit.app.app.get(MetricsRegistry).registry.metrics();
    expect(exposition).toMatch(/http_requests_total\{[^}]*handler="\/fleet\/api\/osquery\/config"[^}]*code="401"[^}]*\} [1-9]/);
    expect(exposition).toMatch(/http_requests_total\{[^}]*handler="\/fleet\/api\/v1\/osquery\/distributed\/read"[^}]*code="200"[^}]*\} [1-9]/);
  });
});
