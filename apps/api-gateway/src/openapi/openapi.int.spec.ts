/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { ADMIN_CONTROLLERS } from '../api-gateway.module';
import { adminRoutes } from '../http/route-inventory';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';
import { contractKey, documentedRoutes } from './openapi.document';
import { ROUTE_CONTRACTS } from './route-contracts';

describe('OpenAPI document (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('openapi'); });
  afterAll(async () => { await kit.close(); });

  const routes = adminRoutes(ADMIN_CONTROLLERS);

  it('has contracts for exactly the registered routes', () => {
    const keys = new Set(routes.filter((r) => !r.contract).map(contractKey));
    expect([...keys].filter((k) => !(k in ROUTE_CONTRACTS))).toEqual([]);
    expect(Object.keys(ROUTE_CONTRACTS).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('is served at /api/latest/fleet/openapi.json and lists every registered route, nothing else', async () => {
    const admin = await kit.user({});
    const r = await kit.api('GET', '/api/latest/fleet/openapi.json', { token: admin.token });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const served = Object.entries(r.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const registered = documentedRoutes(routes).map((x) => `${x.method} ${x.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(served).toEqual(registered);
    expect(served).toContain('GET /api/latest/fleet/hosts/{id}');
    const create = r.body.paths['/api/latest/fleet/queries'].post;
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(expect.arrayContaining(
      ['name', 'query', 'interval', 'platform', 'min_osquery_version', 'logging', 'automations_enabled', 'discard_data', 'observer_can_run', 'team_id']));
    expect(r.body.paths['/api/latest/fleet/hosts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'label_id']));
  });

  it('requires authentication', async () => {
    const r = await kit.api('GET', '/api/latest/fleet/openapi.json');
    expect(r.status).toBe(401);
  });
});
