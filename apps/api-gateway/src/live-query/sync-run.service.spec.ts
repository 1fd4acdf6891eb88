import { FixedClock } from '@fleet/domain';
import type { CampaignStreamEntry } from '@fleet/messaging';
import { aHost, MemoryHosts } from '../hosts/testing/memory-hosts';
import { CampaignService } from './campaign.service';
import { LiveQueryStatusService } from './live-query-status.service';
import { SyncRunService } from './sync-run.service';
import {
  callerWith, MemoryAppConfig, MemoryCampaigns, MemoryCampaignStore, MemoryResultsFeed, MemoryTargets, RecordedActivities, TEST_CONFIG,
} from './testing/memory-live-query';

/** TEST_CONFIG's rest period (FLEET_LIVE_QUERY_REST_PERIOD=10s). */
const REST_MS = 10_000;

function setup() {
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  const campaigns = new MemoryCampaigns(() => clock.now());
  const targets = new MemoryTargets();
  targets.hosts.push({ id: 1, hostname: 'on1', teamId: null, status: 'online' }, { id: 2, hostname: 'on2', teamId: null, status: 'online' },
    { id: 3, hostname: 'off', teamId: null, status: 'offline' });
  campaigns.queries.set(7, { id: 7, name: 'q', query: 'SELECT 7', teamId: null, observerCanRun: false });
  campaigns.queries.set(8, { id: 8, name: 'open', query: 'SELECT 8', teamId: null, observerCanRun: true });
  const hosts = new MemoryHosts([aHost({ id: 1, hostname: 'on1' }), aHost({ id: 3, hostname: 'off', uuid: 'uuid-off' })]);
  const store = new MemoryCampaignStore();
  const activities = new RecordedActivities();
  // An idle stream: each empty poll lasts its block time on the test's clock.
  const feed = new MemoryResultsFeed((blockMs) => clock.advance(blockMs));
  const campaignService = new CampaignService(campaigns, targets, store, activities, new LiveQueryStatusService(new MemoryAppConfig(), feed), clock, TEST_CONFIG);
  return { clock, store, activities, feed, service: new SyncRunService(campaignService, feed, hosts, clock, TEST_CONFIG) };
}

const result = (id: string, hostId: number, rows: Array<Record<string, string>>, error: string | null = null): CampaignStreamEntry =>
  ({ id, event: { type: 'result', host_id: hostId, hostname: `h${hostId}`, rows, error, at: 0 } });

describe('SyncRunService', () => {
  const admin = callerWith('admin');

  it('answers an offline host at once, recording the run without starting a campaign', async () => {
    const { store, activities, service } = setup();
    expect(await service.runOnHost(admin, 3, 'SELECT 1')).toEqual({ host_id: 3, query: 'SELECT 1', status: 'offline', error: 'host is offline', rows: [] });
    expect(store.launched).toEqual([]);
    expect(activities.recorded.map((a) => a.type)).toEqual(['live_query']);
  });

  it('returns the host\'s answer and ends the campaign as completed', async () => {
    const { store, feed, service } = setup();
    feed.entries.set(1, [{ id: '1-0', event: { type: 'totals', count: 1, online: 1, offline: 0, missing_in_action: 0 } }, result('2-0', 1, [{ a: '1' }])]);
    expect(await service.runOnHost(admin, 1, 'SELECT 1')).toEqual({ host_id: 1, query: 'SELECT 1', status: 'online', error: null, rows: [{ a: '1' }] });
    expect(store.ended.get(1)).toBe('completed');
  });

  it('gives up after the rest period, measured on the clock, and still ends the campaign', async () => {
    const { clock, store, service } = setup();
    const start = clock.now().getTime();
    expect(await service.runOnHost(admin, 2, 'SELECT 1')).toMatchObject({ status: 'online', error: 'timeout waiting for results', rows: [] });
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(REST_MS);
    expect(store.ended.get(1)).toBe('completed');
  });

  it('collects the first answer of each online target of a saved query and does not wait for offline ones', async () => {
    const { clock, feed, service } = setup();
    feed.entries.set(1, [result('1-0', 2, [{ v: 'first' }]), result('2-0', 2, [{ v: 'again' }]), result('3-0', 1, [], 'no such table')]);
    const start = clock.now().getTime();
    expect(await service.runSaved(admin, 7, [1, 2, 3])).toEqual({
      query_id: 7, targeted_host_count: 3, responded_host_count: 2,
      results: [{ host_id: 2, rows: [{ v: 'first' }], error: null }, { host_id: 1, rows: [], error: 'no such table' }],
    });
    expect(clock.now().getTime()).toBe(start);
  });

  it('runs each saved query of GET /queries/run as its own campaign and counts the hosts that answered any', async () => {
    const { feed, store, service } = setup();
    feed.entries.set(1, [result('1-0', 1, [{ v: '7' }])]);
    feed.entries.set(2, [result('1-0', 2, [{ v: '8' }])]);
    const r = await service.runMany(admin, [7, 8, 7], [1, 2, 3, 2]);
    expect(r.summary).toEqual({ targeted_host_count: 3, responded_host_count: 2 });
    expect(r.live_query_results).toEqual(expect.arrayContaining([
      { query_id: 7, results: [{ host_id: 1, rows: [{ v: '7' }], error: null }] },
      { query_id: 8, results: [{ host_id: 2, rows: [{ v: '8' }], error: null }] },
    ]));
    expect(store.launched.map((c) => c.sql).sort()).toEqual(['SELECT 7', 'SELECT 8']);
  });

  it('answers a query the caller may not run with its error, and 403 when it may run none', async () => {
    const { service } = setup();
    const observer = callerWith('observer');
    const mixed = await service.runMany(observer, [7, 8], [3]);
    expect(mixed.live_query_results).toEqual(expect.arrayContaining([{ query_id: 7, error: 'forbidden', results: null }, { query_id: 8, results: [] }]));
    await expect(service.runMany(callerWith('observer'), [7], [3])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.runMany(admin, [99], [3])).resolves.toMatchObject({ live_query_results: [{ query_id: 99, error: 'Query with id=99 was not found in the datastore', results: null }] });
  });

  it('refuses GET /queries/run without query ids or host ids (Fleet\'s 400), deciding that no permission check applies', async () => {
    const { service } = setup();
    const caller = callerWith('admin');
    await expect(service.runMany(caller, [], [1])).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'query_ids and host_ids are required' });
    expect(caller.decided).toBe(true);
    await expect(service.runMany(admin, [7], [])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('runs SQL on a host named by identifier, and answers an unknown identifier with Fleet\'s 400', async () => {
    const { service } = setup();
    expect(await service.runOnHostByIdentifier(admin, 'uuid-off', 'SELECT 1')).toMatchObject({ host_id: 3, status: 'offline' });
    await expect(service.runOnHostByIdentifier(admin, 'nope', 'SELECT 1')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'host not found: nope' });
    await expect(service.runOnHostByIdentifier(callerWith({ 5: 'admin' }), 'uuid-off', 'SELECT 1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
