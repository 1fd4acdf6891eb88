import { AdminError, AdminErrorCode } from '@fleet/auth';
import type { PackSpec } from '@fleet/contracts';
import { PackSpecService } from './pack-spec.service';
import { callerWith, CountingHostCache, MemoryLabels, MemoryPacks, MemoryQueries, MemoryScheduledQueries, MemoryTeams, RecordedActivities } from './testing/memory-packs';

const QUERIES = new Map([[1, 'osquery_version'], [2, 'uptime']]);

const spec = (name: string, over: Partial<PackSpec> = {}): PackSpec => ({
  name, description: '', platform: '', disabled: false, targets: { labels: ['All Hosts'], teams: [] },
  queries: [{ query: 'osquery_version', description: '', interval: 60 }], ...over,
});

const rejection = async (p: Promise<unknown>): Promise<AdminError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AdminError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('PackSpecService', () => {
  const admin = callerWith('admin');
  const setup = () => {
    const packs = new MemoryPacks();
    const scheduled = new MemoryScheduledQueries(QUERIES);
    const activities = new RecordedActivities();
    const hostCache = new CountingHostCache();
    const service = new PackSpecService(packs, scheduled, new MemoryQueries(QUERIES), new MemoryLabels(['All Hosts']), new MemoryTeams(['CPE']),
      activities, hostCache);
    return { packs, scheduled, activities, hostCache, service };
  };

  it('upserts by name: a second apply updates the pack and replaces its schedule and targets', async () => {
    const { packs, scheduled, activities, hostCache, service } = setup();
    await service.apply(admin, [spec('mon', { targets: { labels: ['All Hosts'], teams: ['CPE'] } })]);
    const [created] = await packs.all();
    expect(created).toMatchObject({ name: 'mon', labelIds: [1], teamIds: [100], hostIds: [] });
    expect([...scheduled.rows.values()].map((s) => s.name)).toEqual(['osquery_version']);
    await service.apply(admin, [spec('mon', { description: 'd', targets: { labels: [], teams: [] }, queries: [{ query: 'uptime', name: 'up', description: '', interval: 5 }] })]);
    expect(await packs.all()).toEqual([expect.objectContaining({ id: created.id, description: 'd', labelIds: [], teamIds: [] })]);
    expect([...scheduled.rows.values()].map((s) => [s.name, s.interval])).toEqual([['up', 5]]);
    expect(activities.types).toEqual(['applied_spec_pack', 'applied_spec_pack']);
    expect(hostCache.bumps).toBe(2);
  });

  it('resolves every name before writing: an unknown team, label or query in any spec changes nothing', async () => {
    const { packs, activities, service } = setup();
    const team = await rejection(service.apply(admin, [spec('ok'), spec('bad', { targets: { labels: [], teams: ['Nope'] } })]));
    expect(team.code).toBe(AdminErrorCode.NOT_FOUND);
    expect(team.message).toBe('Team with name=Nope was not found in the datastore');
    const label = await rejection(service.apply(admin, [spec('ok'), spec('bad', { targets: { labels: ['Banana', 'All Hosts', 'Kiwi'], teams: [] } })]));
    expect(label.code).toBe(AdminErrorCode.BAD_REQUEST);
    expect(label.message).toBe('Invalid label name(s): Banana, Kiwi.');
    const query = await rejection(service.apply(admin, [spec('ok'), spec('bad', { queries: [{ query: 'missing', description: '', interval: 1 }] })]));
    expect(query.message).toBe('Query with name=missing was not found in the datastore');
    expect(await packs.all()).toEqual([]);
    expect(activities.types).toEqual([]);
  });

  it('reads one spec by name, answering not found for an unknown one', async () => {
    const { service } = setup();
    await service.apply(admin, [spec('mon')]);
    expect((await service.get(admin, 'mon')).scheduled.map((s) => s.queryName)).toEqual(['osquery_version']);
    expect((await rejection(service.get(admin, 'nope'))).message).toBe('Pack with name=nope was not found in the datastore');
  });
});
