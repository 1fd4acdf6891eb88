/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { softwareListResponseSchema, softwareVersionResponseSchema } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('software API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('software'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); });

  it('lists versions with host counts, pagination meta, team scope; the deprecated path and one version', async () => {
    const admin = await kit.user({});
    const team = await kit.team('T');
    const ds = kit.db.dataSource;
    const [a, b] = [await kit.host({ team_id: team }), await kit.host({})];
    for (const [id, name] of [[1, 'curl'], [2, 'zsh'], [3, 'unused']] as const) {
      await ds.query("INSERT INTO software (id, name, version, source, checksum) VALUES (?, ?, '1.0', 'deb_packages', UNHEX(MD5(?)))", [id, name, name]);
    }
    await ds.query('INSERT INTO host_software (host_id, software_id) VALUES (?, 1), (?, 1), (?, 2)', [a, b, b]);
    const get = (p: string, token = admin.token) => kit.api('GET', `/api/latest/fleet${p}`, { token });
    const r = await get('/software/versions');
    expect(r.status).toBe(200);
    const body = softwareListResponseSchema.parse(r.body);
    expect(body.count).toBe(2);
    expect(body.software.map((s) => [s.name, s.hosts_count])).toEqual([['curl', 2], ['zsh', 1]]);
    const page = await get('/software/versions?order_key=name&per_page=1&page=0');
    expect(page.body).toMatchObject({ software: [{ name: 'curl' }], meta: { has_next_results: true, has_previous_results: false } });
    expect((await get('/software')).body.software).toHaveLength(2);
    expect((await get(`/software/versions?team_id=${team}`)).body.software.map((s: { name: string }) => s.name)).toEqual(['curl']);
    const teamObserver = await kit.user({ teams: [{ id: team, role: 'observer' }] });
    expect((await get('/software/versions', teamObserver.token)).body.software).toEqual([expect.objectContaining({ name: 'curl', hosts_count: 1 })]);
    expect(softwareVersionResponseSchema.parse((await get('/software/versions/1')).body).software.hosts_count).toBe(2);
    expect((await get('/software/versions/3')).status).toBe(404);
    const hostSoftware = await get(`/hosts/${b}`);
    expect(hostSoftware.body.host.software.map((s: { name: string }) => s.name)).toEqual(['curl', 'zsh']);
  });
});
