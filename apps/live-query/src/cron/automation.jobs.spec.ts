import pino from 'pino';
import { loadConfig } from '@fleet/config';
import type { WebhookDelivery } from '@fleet/contracts';
import { FixedClock } from '@fleet/domain';
import type { AppConfigDocument, FailingHost, HostGroup, ListOptions, Page, Policy, Team, TeamScope, UnseenSummary } from '@fleet/domain';
import { InlineJobQueue, WebhookStateStore } from '@fleet/messaging';
import { AppConfigRepository, MaintenanceRepository, PolicyRepository, TeamRepository } from '@fleet/persistence';
import { AutomationJobs } from './automation.jobs';
import { WebhookDeliveries } from './webhook-deliveries';

/** The repositories and store below override every method the jobs call; their client is never used. */
const NO_IO = undefined as never;
const config = loadConfig({ flags: { schedules_automations_interval: '1h' } });
const NOW = new Date('2026-12-01T00:00:00Z');

class MemoryAppConfig extends AppConfigRepository {
  doc: AppConfigDocument = {};
  constructor() {
    super(NO_IO);
  }
  override get(): Promise<AppConfigDocument> {
    return Promise.resolve(this.doc);
  }
}

class MemoryTeams extends TeamRepository {
  readonly teams: Team[] = [];
  constructor() {
    super(NO_IO);
  }
  override list(_scope: TeamScope, _opts: ListOptions): Promise<Page<Team>> {
    return Promise.resolve({ items: this.teams, hasNext: false, hasPrevious: false });
  }
}

class MemoryPolicies extends PolicyRepository {
  readonly policies = new Map<number, Policy>();
  constructor() {
    super(NO_IO);
  }
  override findById(id: number): Promise<Policy | null> {
    return Promise.resolve(this.policies.get(id) ?? null);
  }
}

/** Failing hosts by policy; the host status summary of every group is `summary`. */
class MemoryMaintenance extends MaintenanceRepository {
  readonly failing = new Map<number, FailingHost[]>();
  summary: UnseenSummary = { total: 0, unseenIds: [] };
  readonly groups: HostGroup[] = [];
  constructor() {
    super(NO_IO);
  }
  override failingHosts(policyId: number): Promise<FailingHost[]> {
    return Promise.resolve(this.failing.get(policyId) ?? []);
  }
  override unseenSummary(group: HostGroup): Promise<UnseenSummary> {
    this.groups.push(group);
    return Promise.resolve(this.summary);
  }
}

class MemoryWebhookState extends WebhookStateStore {
  readonly reported = new Map<number, Set<number>>();
  readonly generations = new Map<string, number>();
  constructor() {
    super(NO_IO);
  }
  override reportedFailing(policyId: number): Promise<Set<number>> {
    return Promise.resolve(new Set(this.reported.get(policyId)));
  }
  override replaceReportedFailing(policyId: number, hostIds: readonly number[]): Promise<void> {
    this.reported.set(policyId, new Set(hostIds));
    return Promise.resolve();
  }
  override generation(webhook: string): Promise<number> {
    return Promise.resolve(this.generations.get(webhook) ?? 0);
  }
  override advanceGeneration(webhook: string): Promise<void> {
    this.generations.set(webhook, (this.generations.get(webhook) ?? 0) + 1);
    return Promise.resolve();
  }
}

const policy = (id: number, teamId: number | null): Policy => ({
  id, teamId, name: `p${id}`, query: 'SELECT 1', description: '', resolution: '', platform: '', critical: false,
  authorId: null, authorName: '', authorEmail: '', passing: 0, failing: 0, createdAt: NOW, updatedAt: NOW,
});
const team = (id: number, teamConfig: Record<string, unknown>): Team => ({ id, name: `t${id}`, description: '', config: teamConfig, createdAt: NOW, userCount: 0, hostCount: 0 });
const host = (id: number): FailingHost => ({ id, hostname: `h${id}`, displayName: `h${id}` });
const failingWebhook = (url: string, policyIds: number[], batch = 0) => ({
  webhook_settings: { failing_policies_webhook: { enable_failing_policies_webhook: true, destination_url: url, policy_ids: policyIds, host_batch_size: batch } },
});

/** The `automations` jobs over in-memory repositories, webhook state and the inline job queue: no I/O. */
describe('AutomationJobs', () => {
  let queue: InlineJobQueue;
  let appConfig: MemoryAppConfig;
  let teams: MemoryTeams;
  let policies: MemoryPolicies;
  let maintenance: MemoryMaintenance;
  let state: MemoryWebhookState;
  let jobs: AutomationJobs;

  const run = (name: string) => jobs.jobs().find((j) => j.name === name)!.run();
  const queued = () => queue.jobs().map((j) => j.data as WebhookDelivery);
  const sentHosts = () => queued().map((d) => (d.source.kind === 'failing_policy' ? [d.source.policyId, d.source.hostIds] : null));

  beforeEach(() => {
    const clock = new FixedClock(NOW);
    queue = new InlineJobQueue(clock);
    appConfig = new MemoryAppConfig();
    teams = new MemoryTeams();
    policies = new MemoryPolicies();
    maintenance = new MemoryMaintenance();
    state = new MemoryWebhookState();
    jobs = new AutomationJobs(maintenance, teams, appConfig, policies, state, new WebhookDeliveries(queue, state, config), config, clock, pino({ level: 'silent' }));
  });

  it('reports a team\'s policies only through the team\'s webhook and global ones only through the organisation\'s', async () => {
    for (const p of [policy(1, null), policy(2, 5), policy(3, 6)]) policies.policies.set(p.id, p);
    for (const id of [1, 2, 3]) maintenance.failing.set(id, [host(10 + id)]);
    appConfig.doc = failingWebhook('https://org.example/hook', [1, 2]);
    teams.teams.push(team(5, failingWebhook('https://t5.example/hook', [1, 2, 3])));
    await run('failing_policies_webhook');
    expect(queued().map((d) => [d.url, d.source])).toEqual([
      ['https://org.example/hook', { kind: 'failing_policy', policyId: 1, hostIds: [11] }],
      ['https://t5.example/hook', { kind: 'failing_policy', policyId: 2, hostIds: [12] }],
    ]);
    expect(state.reported.get(3)).toBeUndefined();
  });

  it('queues only hosts not reported yet, in batches, and reports a host again after it passed in between', async () => {
    policies.policies.set(1, policy(1, null));
    appConfig.doc = failingWebhook('https://org.example/hook', [1], 2);
    maintenance.failing.set(1, [host(1), host(2), host(3)]);
    await run('failing_policies_webhook');
    expect(sentHosts()).toEqual([[1, [1, 2]], [1, [3]]]);
    expect([...state.reported.get(1)!]).toEqual([1, 2, 3]);
    expect(state.generations.get('failing_policy:1')).toBe(1);

    await run('failing_policies_webhook');
    expect(queued()).toHaveLength(2);
    expect(state.generations.get('failing_policy:1')).toBe(1);

    maintenance.failing.set(1, [host(2), host(3)]);
    await run('failing_policies_webhook');
    maintenance.failing.set(1, [host(1), host(2), host(3)]);
    await run('failing_policies_webhook');
    expect(sentHosts().slice(2)).toEqual([[1, [1]]]);
  });

  it('marks nothing reported when it cannot queue every POST, and the next run queues the same POSTs without doubling any', async () => {
    policies.policies.set(1, policy(1, null));
    appConfig.doc = failingWebhook('https://org.example/hook', [1], 1);
    maintenance.failing.set(1, [host(1), host(2)]);
    const enqueue = queue.enqueue.bind(queue);
    let accepted = 1;
    queue.enqueue = (...args: Parameters<typeof enqueue>) => (accepted-- > 0 ? enqueue(...args) : Promise.reject(new Error('Connection is closed.')));
    await expect(run('failing_policies_webhook')).rejects.toThrow('failing policies webhook: policy 1: Connection is closed.');
    expect(queued()).toHaveLength(1);
    expect(state.reported.get(1)).toBeUndefined();
    expect(state.generations.get('failing_policy:1')).toBeUndefined();

    queue.enqueue = enqueue;
    await run('failing_policies_webhook');
    expect(sentHosts()).toEqual([[1, [1]], [1, [2]]]);
    expect([...state.reported.get(1)!]).toEqual([1, 2]);
  });

  it('alerts on unseen hosts from the threshold up, as a new delivery each run, for the organisation and each team', async () => {
    const settings = (pct: number) => ({ webhook_settings: { host_status_webhook: { enable_host_status_webhook: true, destination_url: 'https://org.example/status', host_percentage: pct, days_count: 2 } } });
    appConfig.doc = settings(51);
    maintenance.summary = { total: 4, unseenIds: [7, 8] };
    await run('host_status_webhook');
    expect(queued()).toEqual([]);
    appConfig.doc = settings(50);
    teams.teams.push(team(5, settings(50)));
    await run('host_status_webhook');
    await run('host_status_webhook');
    expect(queued().map((d) => d.source)).toEqual([
      { kind: 'host_status', teamId: null }, { kind: 'host_status', teamId: 5 },
      { kind: 'host_status', teamId: null }, { kind: 'host_status', teamId: 5 },
    ]);
    expect(maintenance.groups.slice(-2)).toEqual([{ kind: 'all' }, { kind: 'team', teamId: 5 }]);
    expect(JSON.parse(queued()[1].body)).toMatchObject({ data: { unseen_hosts: 2, total_hosts: 4, days_unseen: 2, host_ids: [7, 8], team_id: 5 } });
  });
});
