import { AdminErrorCode } from '@fleet/auth';
import { applyLabelSpecsRequestSchema, applyPolicySpecsRequestSchema, applyQuerySpecsRequestSchema, applyTeamSpecsRequestSchema } from '@fleet/contracts';
import type { AppConfigRepository, TeamRepository } from '@fleet/persistence';
import {
  asLabelRepository, asPolicyRepository, asQueryRepository, MemoryLabels, MemoryPolicies, MemoryQueries,
} from '../testing/memory-content.repositories';
import { callerWith, countingConfigVersion, recordingActivities, teamsOf } from '../testing/service-doubles';
import { LabelSpecService } from './label-spec.service';
import { QuerySpecService } from './query-spec.service';
import { TeamSpecService } from './team-spec.service';

const admin = () => callerWith({ global: 'admin' });
/** Specs as fleetctl sends them, with the schema's zero values filled in. */
const querySpecs = (specs: unknown[]) => applyQuerySpecsRequestSchema.parse({ specs }).specs;
const labelSpecs = (specs: unknown[]) => applyLabelSpecsRequestSchema.parse({ specs }).specs;
const policySpecs = (specs: unknown[]) => applyPolicySpecsRequestSchema.parse({ specs }).specs;
const teamSpecs = (specs: unknown[]) => applyTeamSpecsRequestSchema.parse({ specs }).specs;

describe('QuerySpecService', () => {
  let queries: MemoryQueries;
  let policies: MemoryPolicies;
  let activities: ReturnType<typeof recordingActivities>;
  let service: QuerySpecService;

  beforeEach(() => {
    queries = new MemoryQueries();
    policies = new MemoryPolicies();
    activities = recordingActivities();
    service = new QuerySpecService(asQueryRepository(queries), asPolicyRepository(policies), teamsOf({ 5: 'CPE' }), activities.recorder,
      countingConfigVersion().store);
  });

  it('upserts by (team, name) with zero values for left-out fields, and keeps the report when nothing it depends on changed', async () => {
    await service.applyQueries(admin(), querySpecs([{ name: 'q', query: 'SELECT 1', interval: 60 }, { name: 'q', query: 'SELECT 1', team: 'CPE' }]));
    expect([...queries.rows.values()].map((q) => [q.teamId, q.name, q.logging])).toEqual([[null, 'q', 'snapshot'], [5, 'q', 'snapshot']]);
    const [global] = [...queries.rows.values()];
    queries.results = [{ queryId: global.id, hostId: 1, hostTeamId: null, hostName: 'h', lastFetched: new Date(0), data: {} }];
    await service.applyQueries(admin(), querySpecs([{ name: 'q', query: 'SELECT 1', description: 'now described' }]));
    expect(queries.rows.get(global.id)).toMatchObject({ description: 'now described', interval: 0 });
    expect(queries.results).toHaveLength(1);
    await service.applyQueries(admin(), querySpecs([{ name: 'q', query: 'SELECT 1', logging: 'differential' }]));
    expect(queries.results).toEqual([]);
  });

  it('answers 404 for an unknown team before writing anything', async () => {
    await expect(service.applyQueries(admin(), querySpecs([{ name: 'a', query: 'SELECT 1' }, { name: 'b', query: 'SELECT 1', team: 'Nope' }])))
      .rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND, message: 'Team with name=Nope was not found in the datastore' });
    expect(queries.rows.size).toBe(0);
    expect(activities.log).toEqual([]);
  });

  it('refuses a team maintainer a spec of another team, even next to one of their own', async () => {
    const maintainer = callerWith({ teams: [{ teamId: 5, role: 'maintainer' }] });
    await expect(service.applyQueries(maintainer, querySpecs([{ name: 'a', query: 'SELECT 1', team: 'CPE' }, { name: 'b', query: 'SELECT 1' }])))
      .rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    expect(queries.rows.size).toBe(0);
  });

  it('keeps the team and platform of an existing policy, and forgets its results only when the query changes', async () => {
    await service.applyPolicies(admin(), policySpecs([{ name: 'gk', query: 'SELECT 1', platform: 'darwin' }]));
    const [p] = [...policies.rows.values()];
    await service.applyPolicies(admin(), policySpecs([{ name: 'gk', query: 'SELECT 1', platform: 'linux', critical: true }]));
    expect(policies.rows.get(p.id)).toMatchObject({ platform: 'darwin', critical: true });
    expect(policies.cleared).toEqual([]);
    await service.applyPolicies(admin(), policySpecs([{ name: 'gk', query: 'SELECT 2' }]));
    expect(policies.cleared).toEqual([p.id]);
    expect(activities.log.map((a) => a.type)).toEqual(['applied_spec_policy', 'applied_spec_policy', 'applied_spec_policy']);
  });

  it('reads one spec by name within a team, with the team’s name', async () => {
    await service.applyQueries(admin(), querySpecs([{ name: 'q', query: 'SELECT 1', team: 'CPE' }]));
    expect(await service.getQuery(admin(), 5, 'q')).toMatchObject({ team: 'CPE', query: { name: 'q' } });
    await expect(service.getQuery(admin(), null, 'q')).rejects.toMatchObject({ message: 'Query with name=q was not found in the datastore' });
  });
});

describe('LabelSpecService', () => {
  let labels: MemoryLabels;
  let activities: ReturnType<typeof recordingActivities>;
  let service: LabelSpecService;

  beforeEach(() => {
    labels = new MemoryLabels();
    labels.hosts.set('host1', 1);
    labels.seedBuiltin('All Hosts');
    activities = recordingActivities();
    service = new LabelSpecService(asLabelRepository(labels), activities.recorder, countingConfigVersion().store);
  });

  it('refuses built-in labels and manual labels without hosts before writing any spec', async () => {
    await expect(service.apply(admin(), labelSpecs([{ name: 'ok', query: 'SELECT 1' }, { name: 'All Hosts', query: 'SELECT 1' }])))
      .rejects.toMatchObject({ fieldErrors: [{ name: 'name', reason: "cannot modify built-in label 'All Hosts'" }] });
    await expect(service.apply(admin(), labelSpecs([{ name: 'x', label_type: 'builtin' }]))).rejects.toMatchObject({ code: AdminErrorCode.VALIDATION_FAILED });
    await expect(service.apply(admin(), labelSpecs([{ name: 'm', label_membership_type: 'manual' }])))
      .rejects.toMatchObject({ fieldErrors: [{ name: 'hosts', reason: 'label m is declared as manual but contains no `hosts key`' }] });
    expect(labels.rows.size).toBe(1);
    expect(activities.log).toEqual([]);
  });

  it('upserts by name: a manual label’s hosts replace its members and its query is dropped', async () => {
    await service.apply(admin(), labelSpecs([{ name: 'm', query: 'SELECT 1', platform: 'linux' }]));
    await service.apply(admin(), labelSpecs([{ name: 'm', query: 'SELECT 1', label_membership_type: 'manual', hosts: ['host1', 'unknown'] }]));
    const v = await service.get(admin(), 'm');
    expect(v).toMatchObject({ label: { manual: true, query: '', platform: '', hostCount: 1 }, hosts: ['host1'] });
    expect((await service.list(admin())).find((x) => x.label.name === 'All Hosts')?.hosts).toBeNull();
  });
});

describe('TeamSpecService', () => {
  interface Team { id: number; name: string; config: Record<string, unknown>; secrets: string[] }
  let teams: Team[];
  let replaced: number;
  let activities: ReturnType<typeof recordingActivities>;
  let service: TeamSpecService;

  beforeEach(() => {
    teams = [{ id: 5, name: 'CPE', config: { features: { enable_host_users: false }, mdm: { x: 1 } }, secrets: ['s1', 's2'] }];
    replaced = 0;
    activities = recordingActivities();
    const repo: Pick<TeamRepository, 'findByName' | 'create' | 'update' | 'secrets' | 'replaceSecrets'> = {
      findByName: (name) => Promise.resolve(teams.filter((t) => t.name === name).map((t) => ({ ...t, description: '', createdAt: new Date(0), userCount: 0, hostCount: 0 }))[0] ?? null),
      create: (name, _description, config) => { teams.push({ id: 6, name, config, secrets: [] }); return Promise.resolve(6); },
      update: (id, patch) => { const t = teams.find((x) => x.id === id); if (t && patch.config) t.config = patch.config; return Promise.resolve(); },
      secrets: (id) => Promise.resolve((teams.find((t) => t.id === id)?.secrets ?? []).map((secret) => ({ secret, teamId: id, createdAt: new Date(0) }))),
      replaceSecrets: (id, secrets) => { replaced++; const t = teams.find((x) => x.id === id); if (t) t.secrets = [...secrets]; return Promise.resolve(); },
    };
    const appConfig: Pick<AppConfigRepository, 'get'> = { get: () => Promise.resolve({}) };
    service = new TeamSpecService(repo as TeamRepository, activities.recorder, countingConfigVersion().store, appConfig as AppConfigRepository);
  });

  it('with dry_run validates and authorizes, answers 0 for new teams and writes nothing', async () => {
    expect(await service.apply(admin(), teamSpecs([{ name: 'CPE' }, { name: 'New' }]), true)).toEqual({ CPE: 5, New: 0 });
    expect(teams).toHaveLength(1);
    expect(activities.log).toEqual([]);
  });

  it('replaces only the given settings keys, and leaves unchanged secrets alone', async () => {
    expect(await service.apply(admin(), teamSpecs([{ name: 'CPE', features: { enable_host_users: true }, secrets: [{ secret: 's2' }, { secret: 's1' }] }]), false))
      .toEqual({ CPE: 5 });
    expect(teams[0]?.config).toEqual({ features: { enable_host_users: true }, mdm: { x: 1 } });
    expect(replaced).toBe(0);
    expect(activities.log).toEqual([{ type: 'applied_spec_team', details: { teams: [{ id: 5, name: 'CPE' }] } }]);
  });

  it('refuses duplicate secrets, and a team admin creating a team', async () => {
    await expect(service.apply(admin(), teamSpecs([{ name: 'CPE', secrets: [{ secret: 'a' }, { secret: 'a' }] }]), false))
      .rejects.toMatchObject({ fieldErrors: [{ name: 'secrets', reason: 'duplicate secret' }] });
    const teamAdmin = callerWith({ teams: [{ teamId: 5, role: 'admin' }] });
    await expect(service.apply(teamAdmin, teamSpecs([{ name: 'CPE' }]), false)).resolves.toEqual({ CPE: 5 });
    await expect(service.apply(teamAdmin, teamSpecs([{ name: 'New' }]), false)).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
  });
});
