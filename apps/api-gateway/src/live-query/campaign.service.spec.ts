import { AdminError, AdminErrorCode } from '@fleet/auth';
import { FixedClock } from '@fleet/domain';
import { CampaignService, NO_HOSTS_TARGETED } from './campaign.service';
import { LiveQueryStatusService } from './live-query-status.service';
import {
  callerWith, MemoryAppConfig, MemoryCampaigns, MemoryCampaignStore, MemoryResultsFeed, MemoryTargets, RecordedActivities, TEST_CONFIG,
} from './testing/memory-live-query';

const NOW = new Date('2026-03-01T12:00:00Z');

function setup() {
  const clock = new FixedClock(NOW);
  const campaigns = new MemoryCampaigns(() => clock.now());
  const targets = new MemoryTargets();
  targets.hosts.push(
    { id: 1, hostname: 'a1', teamId: 1, status: 'online' },
    { id: 2, hostname: 'a2', teamId: 1, status: 'offline' },
    { id: 3, hostname: 'b1', teamId: 2, status: 'online' },
    { id: 4, hostname: 'none', teamId: null, status: 'missing' },
  );
  targets.labels.set('web', { id: 10, hostIds: [1, 3] });
  const store = new MemoryCampaignStore();
  const activities = new RecordedActivities();
  const appConfig = new MemoryAppConfig();
  const status = new LiveQueryStatusService(appConfig, new MemoryResultsFeed());
  const service = new CampaignService(campaigns, targets, store, activities, status, clock, TEST_CONFIG);
  return { clock, campaigns, targets, store, activities, appConfig, service };
}

const rejection = async (p: Promise<unknown>): Promise<AdminError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AdminError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

const sel = (over: { hostIds?: number[]; labelIds?: number[]; teamIds?: number[] }) => ({ hostIds: [], labelIds: [], teamIds: [], ...over });

describe('CampaignService', () => {
  it('launches a waiting campaign with its deadline and logging choice, and refuses a wait outside 1 minute to 30 days', async () => {
    const { campaigns, store, service } = setup();
    const admin = callerWith('admin');
    const { campaign } = await service.create(admin, { query: 'SELECT 1', query_id: null, selected: sel({ hostIds: [1, 2] }), wait: '24h', log_results: true });
    expect(store.launched.at(-1)).toMatchObject({ id: campaign.id, waitUntilMs: NOW.getTime() + 86_400_000, logResults: true, queryName: null });
    expect(await campaigns.findById(campaign.id)).toMatchObject({ waitUntil: new Date(NOW.getTime() + 86_400_000), logResults: true });
    for (const wait of ['30s', '31d', 'soon']) {
      await expect(service.create(admin, { query: 'SELECT 1', query_id: null, selected: sel({ hostIds: [1] }), wait })).rejects.toMatchObject({ message: expect.stringContaining('wait must be a duration') as string });
    }
  });

  it('launches a campaign: row, Redis launch at the clock time, running, and a live_query activity', async () => {
    const { campaigns, store, activities, service } = setup();
    const admin = callerWith('admin');
    const { campaign, targets } = await service.create(admin, { query: 'SELECT 1', query_id: null, selected: sel({ hostIds: [1, 2, 4] }) });
    expect(targets).toMatchObject({ online: 1, offline: 1, missing: 1 });
    expect(store.launched).toEqual([{ id: campaign.id, sql: 'SELECT 1', hostIds: [1, 2, 4], userId: admin.user?.id, createdAtMs: NOW.getTime(),
      totals: { count: 3, online: 1, offline: 1, missing: 1 } }]);
    expect((await campaigns.findById(campaign.id))?.status).toBe('running');
    expect(activities.recorded).toEqual([{ type: 'live_query', details: { targets_count: 3, query_sql: 'SELECT 1', query_name: null } }]);
  });

  it('runs a saved query by its own SQL and name, and answers an unknown one with 404', async () => {
    const { campaigns, store, activities, service } = setup();
    campaigns.queries.set(5, { id: 5, name: 'uptime', query: 'SELECT * FROM uptime', teamId: null, observerCanRun: true });
    await service.create(callerWith('observer'), { query: 'ignored', query_id: 5, selected: sel({ hostIds: [1] }) });
    expect(store.launched[0].sql).toBe('SELECT * FROM uptime');
    expect(activities.recorded[0].details).toMatchObject({ query_name: 'uptime' });
    const unknown = await rejection(service.create(callerWith('admin'), { query: null, query_id: 99, selected: sel({ hostIds: [1] }) }));
    expect([unknown.code, unknown.message]).toEqual([AdminErrorCode.NOT_FOUND, 'Query with id=99 was not found in the datastore']);
    // Whoever may not run ad-hoc SQL learns nothing about which ids exist.
    expect((await rejection(service.create(callerWith('gitops'), { query: null, query_id: 99, selected: sel({ hostIds: [1] }) }))).code).toBe(AdminErrorCode.FORBIDDEN);
  });

  it('keeps team users to their teams: explicit hosts and teams elsewhere are forbidden, labels are cut to the scope', async () => {
    const { service } = setup();
    const maintainerA = callerWith({ 1: 'maintainer' });
    const run = (selected: ReturnType<typeof sel>) => service.create(maintainerA, { query: 'SELECT 1', query_id: null, selected });
    expect((await rejection(run(sel({ hostIds: [1, 3] })))).code).toBe(AdminErrorCode.FORBIDDEN);
    expect((await rejection(run(sel({ hostIds: [4] })))).code).toBe(AdminErrorCode.FORBIDDEN);
    expect((await rejection(run(sel({ teamIds: [2] })))).code).toBe(AdminErrorCode.FORBIDDEN);
    expect((await run(sel({ labelIds: [10] }))).targets.hosts.map((h) => h.id)).toEqual([1]);
  });

  it('refuses a selection that reaches no host, and every new run while live queries are switched off', async () => {
    const { appConfig, store, service } = setup();
    const none = await rejection(service.create(callerWith('admin'), { query: 'SELECT 1', query_id: null, selected: sel({ hostIds: [42] }) }));
    expect([none.code, none.message]).toEqual([AdminErrorCode.BAD_REQUEST, NO_HOSTS_TARGETED]);
    appConfig.liveQueryDisabled = true;
    const off = await rejection(service.create(callerWith('admin'), { query: 'SELECT 1', query_id: null, selected: sel({ hostIds: [1] }) }));
    expect([off.code, off.message]).toEqual([AdminErrorCode.LIVE_QUERY_DISABLED, 'disabled by administrator']);
    expect(store.launched).toEqual([]);
  });

  it('resolves hosts by identifier and labels by name, naming every unknown label', async () => {
    const { service } = setup();
    const admin = callerWith('admin');
    const bad = await rejection(service.createByIdentifiers(admin, { query: 'SELECT 1', query_id: null, selected: { hosts: [], labels: ['web', 'nope', 'gone'] } }));
    expect(bad.message).toBe('Invalid label name(s): nope, gone.');
    const ok = await service.createByIdentifiers(admin, { query: 'SELECT 1', query_id: null, selected: { hosts: ['a2', 'unknown'], labels: ['web'] } });
    expect(ok.targets.hosts.map((h) => h.id)).toEqual([1, 2, 3]);
    const teamB = callerWith({ 2: 'admin' });
    expect((await rejection(service.createByIdentifiers(teamB, { query: 'SELECT 1', query_id: null, selected: { hosts: ['a1'], labels: [] } }))).code)
      .toBe(AdminErrorCode.FORBIDDEN);
  });

  it('lets only the creator stop a campaign; stopping twice writes the outcome once', async () => {
    const { campaigns, store, service } = setup();
    const owner = callerWith('admin');
    const { campaign } = await service.create(owner, { query: 'SELECT 1', query_id: null, selected: sel({ hostIds: [1] }) });
    const other = callerWith('admin');
    expect((await rejection(service.stop(other, campaign.id))).code).toBe(AdminErrorCode.FORBIDDEN);
    expect(other.verdict).toBe('denied');
    const missing = await rejection(service.stop(owner, 404));
    expect([missing.code, missing.message]).toEqual([AdminErrorCode.NOT_FOUND, 'cannot find campaign for ID 404']);
    await service.stop(owner, campaign.id);
    await service.stop(owner, campaign.id);
    expect(store.ended.get(campaign.id)).toBe('stopped');
    expect(await campaigns.findById(campaign.id)).toMatchObject({ status: 'stopped', responded: 1, rows: 2, finishedAt: NOW });
  });
});
