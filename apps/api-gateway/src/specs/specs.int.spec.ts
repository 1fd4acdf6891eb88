/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { labelSpecsResponseSchema, querySpecsResponseSchema, teamSpecsResponseSchema } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

const QUERY = { name: 'docker_processes', description: 'd', query: 'SELECT * FROM docker_container_processes;', team: '', interval: 3600,
  platform: 'linux', min_osquery_version: '', automations_enabled: false, logging: 'snapshot', observer_can_run: true, discard_data: false };

describe('/spec/* endpoints of fleetctl (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('specs'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/latest/fleet${path}`, { token, body });
  /** Every row of the content tables, to prove a second apply changes nothing. */
  const state = async () => {
    const out: Record<string, unknown> = {};
    for (const t of ['queries', 'labels', 'label_membership', 'policies', 'teams', 'enroll_secrets']) out[t] = await kit.db.dataSource.query(`SELECT * FROM ${t} ORDER BY 1`);
    return JSON.stringify(out);
  };

  it('applies queries, labels, policies and teams; applying the same specs twice changes nothing', async () => {
    await kit.host({ hostname: 'host1.example.com' });
    const apply = async () => {
      expect((await call('POST', '/spec/teams', { specs: [{ name: 'CPE', agent_options: { config: { options: { distributed_interval: 10 } } },
        secrets: [{ secret: 'abc' }], features: { enable_host_users: true } }] })).status).toBe(200);
      expect((await call('POST', '/spec/queries', { specs: [QUERY, { name: 'team_q', query: 'SELECT 1', team: 'CPE' }] })).body).toEqual({});
      expect((await call('POST', '/spec/labels', { specs: [{ name: 'slack', query: 'SELECT 1', platform: 'darwin', label_membership_type: 'dynamic' },
        { name: 'manual', label_membership_type: 'manual', hosts: ['host1.example.com'] }] })).body).toEqual({});
      expect((await call('POST', '/spec/policies', { specs: [{ name: 'gk', query: 'SELECT 1', team: 'CPE', platform: 'darwin' }] })).body).toEqual({});
    };
    await apply();
    const first = await state();
    await apply();
    expect(await state()).toBe(first);
    const teams = await call('POST', '/spec/teams', { specs: [{ name: 'CPE' }] });
    expect(teamSpecsResponseSchema.parse(teams.body).team_ids_by_name).toEqual({ CPE: expect.any(Number) });

    const queries = await call('GET', '/spec/queries');
    expect(querySpecsResponseSchema.parse(queries.body).specs).toEqual([QUERY]);
    expect((await call('GET', '/spec/queries/docker_processes')).body.specs).toEqual(QUERY);
    expect((await call('GET', `/spec/queries?team_id=${teams.body.team_ids_by_name.CPE}`)).body.specs[0]).toMatchObject({ name: 'team_q', team: 'CPE' });
    const labels = labelSpecsResponseSchema.parse((await call('GET', '/spec/labels')).body).specs;
    expect(labels.find((l) => l.name === 'manual')).toMatchObject({ label_membership_type: 'manual', hosts: ['host1.example.com'] });
    expect((await call('GET', '/spec/labels/slack')).body.specs).toMatchObject({ name: 'slack', platform: 'darwin', label_type: 'regular' });
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
    expect((await call('POST', '/spec/teams?dry_run=true', { specs: [{ name: 'Dry' }] })).body).toEqual({ team_ids_by_name: { Dry: 0 } });
    expect((await kit.db.dataSource.query('SELECT * FROM teams')).length).toBe(0);
  });
});
