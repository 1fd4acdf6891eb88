/* eslint-disable @typescript-eslint/no-unsafe-call -- error bodies are untyped JSON under test */
import { specRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

const QUERY = { name: 'docker_processes', description: 'd', query: 'SELECT * FROM docker_container_processes;', team: '', interval: 3600,
  platform: 'linux', min_osquery_version: '', automations_enabled: false, logging: 'snapshot', observer_can_run: true, discard_data: false } as const;

describe('/spec/* endpoints of fleetctl (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('specs'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/latest/fleet${path}`, { token, body });
  /** A typed call that must succeed; its body is checked against the route's response schema. */
  const ok = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}): Promise<RouteResponse<R>> => {
    const res = await kit.call(route, request, { token });
    if (!res.ok) throw new Error(`${route.method} ${route.path} → ${res.status} ${res.text}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Every row of the content tables, to prove a second apply changes nothing. */
  const state = async () => {
    const out: Record<string, unknown> = {};
    for (const t of ['queries', 'labels', 'label_membership', 'policies', 'teams', 'enroll_secrets']) out[t] = await kit.db.dataSource.query(`SELECT * FROM ${t} ORDER BY 1`);
    return JSON.stringify(out);
  };

  it('applies queries, labels, policies and teams; applying the same specs twice changes nothing', async () => {
    await kit.host({ hostname: 'host1.example.com' });
    const apply = async () => {
      await ok(r.applyTeams, { body: { specs: [{ name: 'CPE', agent_options: { config: { options: { distributed_interval: 10 } } },
        secrets: [{ secret: 'abc' }], features: { enable_host_users: true } }] } });
      expect(await ok(r.applyQueries, { body: { specs: [QUERY, { name: 'team_q', query: 'SELECT 1', team: 'CPE' }] } })).toEqual({});
      expect(await ok(r.applyLabels, { body: { specs: [{ name: 'slack', query: 'SELECT 1', platform: 'darwin', label_membership_type: 'dynamic' },
        { name: 'manual', label_membership_type: 'manual', hosts: ['host1.example.com'] }] } })).toEqual({});
      expect(await ok(r.applyPolicies, { body: { specs: [{ name: 'gk', query: 'SELECT 1', team: 'CPE', platform: 'darwin' }] } })).toEqual({});
    };
    await apply();
    const first = await state();
    await apply();
    expect(await state()).toBe(first);
    const teams = await ok(r.applyTeams, { body: { specs: [{ name: 'CPE' }] } });
    expect(teams.team_ids_by_name).toEqual({ CPE: expect.any(Number) });

    expect((await ok(r.queries)).specs).toEqual([QUERY]);
    expect((await ok(r.query, { params: { name: 'docker_processes' } })).specs).toEqual(QUERY);
    expect((await ok(r.queries, { query: { team_id: String(teams.team_ids_by_name['CPE']) } })).specs[0]).toMatchObject({ name: 'team_q', team: 'CPE' });
    const labels = (await ok(r.labels)).specs;
    expect(labels.find((l) => l.name === 'manual')).toMatchObject({ label_membership_type: 'manual', hosts: ['host1.example.com'] });
    expect((await ok(r.label, { params: { name: 'slack' } })).specs).toMatchObject({ name: 'slack', platform: 'darwin', label_type: 'regular' });
    const types = (await call('GET', '/activities')).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['applied_spec_team', 'applied_spec_saved_query', 'applied_spec_label', 'applied_spec_policy']));
  });

  it('refuses built-in labels, manual labels without hosts and unknown teams', async () => {
    const builtin = await call('POST', '/spec/labels', { specs: [{ name: 'All Hosts', query: 'SELECT 1;' }] });
    expect(builtin.status).toBe(422);
    const manual = await call('POST', '/spec/labels', { specs: [{ name: 'm', label_membership_type: 'manual' }] });
    expect(manual.body.errors[0].reason).toBe('label m is declared as manual but contains no `hosts key`');
    expect((await call('POST', '/spec/queries', { specs: [{ ...QUERY, team: 'Nope' }] })).status).toBe(404);
    expect((await call('POST', '/spec/queries', { specs: [{ name: 'x' }] })).status).toBe(422);
    expect(await ok(r.applyTeams, { query: { dry_run: 'true' }, body: { specs: [{ name: 'Dry' }] } })).toEqual({ team_ids_by_name: { Dry: 0 } });
    expect((await kit.db.dataSource.query('SELECT * FROM teams')).length).toBe(0);
  });

  it('answers 404 for an unknown spec by name, and 400 for a bad team_id', async () => {
    expect((await call('GET', '/spec/queries/nope')).body.errors[0].reason).toBe('Query with name=nope was not found in the datastore');
    expect((await call('GET', '/spec/labels/nope')).status).toBe(404);
    expect((await call('GET', '/spec/queries?team_id=x')).body.errors[0].reason).toBe('invalid value: x');
  });
});
