import { countResponseSchema, policiesResponseSchema } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('/policies alias and count routes (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('policy_alias'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });
  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/2022-04/fleet${path}`, { token, body });

  it('serves the global policy handlers under /policies and counts policies and software', async () => {
    const created = await call('POST', '/policies', { name: 'gatekeeper', query: 'SELECT 1' });
    expect(created.status).toBe(200);
    await call('POST', '/global/policies', { name: 'filevault', query: 'SELECT 1' });
    expect(policiesResponseSchema.parse((await call('GET', '/policies')).body).policies.map((p) => p.name).sort()).toEqual(['filevault', 'gatekeeper']);
    expect((await call('GET', `/policies/${created.body.policy.id}`)).body.policy.name).toBe('gatekeeper');
    expect(countResponseSchema.parse((await call('GET', '/policies/count')).body).count).toBe(2);
    expect((await call('GET', '/policies/count?query=gate')).body).toEqual({ count: 1 });
    const host = await kit.host({});
    await kit.db.dataSource.query("INSERT INTO software (id, name, version, source, checksum) VALUES (1, 'curl', '8.0', 'deb_packages', UNHEX(MD5('c')))");
    await kit.db.dataSource.query('INSERT INTO host_software (host_id, software_id) VALUES (?, 1)', [host]);
    expect((await call('GET', '/software/count')).body).toEqual({ count: 1 });
  });
});
