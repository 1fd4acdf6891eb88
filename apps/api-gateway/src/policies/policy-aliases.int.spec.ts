import { policyRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';
import { installSoftware } from '../testing/software-seed';

describe('/policies alias and count routes (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('policy_alias'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });
  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/2022-04/fleet${path}`, { token, body });
  /** A typed call under the 2022-04 prefix that must succeed. */
  const ok = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}): Promise<RouteResponse<R>> => {
    const res = await kit.call(route, request, { token, version: '2022-04' });
    if (!res.ok) throw new Error(`${route.method} ${route.path} → ${res.status} ${res.text}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('serves the global policy handlers under /policies and counts policies and software', async () => {
    const created = (await ok(r.aliasCreate, { body: { name: 'gatekeeper', query: 'SELECT 1' } })).policy;
    await ok(r.create, { body: { name: 'filevault', query: 'SELECT 1' } });
    expect((await ok(r.aliasList)).policies.map((p) => p.name).sort()).toEqual(['filevault', 'gatekeeper']);
    expect((await ok(r.aliasGet, { params: { id: created.id } })).policy.name).toBe('gatekeeper');
    expect((await ok(r.count)).count).toBe(2);
    expect(await ok(r.count, { query: { query: 'gate' } })).toEqual({ count: 1 });
    const host = await kit.host({});
    // Through the software writer: the software lists count from the host counts it keeps, not from host_software.
    await installSoftware(kit.db.dataSource, host, [{ name: 'curl', version: '8.0', source: 'deb_packages' }]);
    expect((await call('GET', '/software/count')).body).toEqual({ count: 1 });
  });

  it('modifies and deletes under /policies too', async () => {
    const p = (await ok(r.aliasCreate, { body: { name: 'p', query: 'SELECT 1' } })).policy;
    expect((await ok(r.aliasModify, { params: { id: p.id }, body: { critical: true } })).policy.critical).toBe(true);
    expect(await ok(r.aliasDelete, { body: { ids: [p.id] } })).toEqual({ deleted: 1 });
    expect((await call('GET', `/policies/${p.id}`)).status).toBe(404);
  });
});
