import { AdminError, AdminErrorCode } from '@fleet/auth';
import { ScheduleService } from './schedule.service';
import { callerWith, CountingHostCache, MemoryPacks, MemoryQueries, MemoryScheduledQueries, RecordedActivities } from './testing/memory-packs';

const QUERIES = new Map([[1, 'uptime'], [2, 'users']]);

function setup() {
  const packs = new MemoryPacks();
  const scheduled = new MemoryScheduledQueries(QUERIES);
  const activities = new RecordedActivities();
  const hostCache = new CountingHostCache();
  const service = new ScheduleService(packs, scheduled, new MemoryQueries(QUERIES), activities, hostCache);
  return { packs, scheduled, activities, hostCache, service };
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

describe('ScheduleService', () => {
  const admin = callerWith('admin');

  it('names a scheduled query after its saved query, numbering repeats, and audits the pack', async () => {
    const { packs, activities, hostCache, service } = setup();
    const packId = await packs.create({ name: 'p', description: '', platform: '', disabled: false }, { hostIds: [], labelIds: [], teamIds: [] });
    const first = await service.create(admin, packId, { queryId: 1, interval: 60 });
    const second = await service.create(admin, packId, { queryId: 1, interval: 120 });
    const named = await service.create(admin, packId, { queryId: 2, interval: 60, name: 'mine' });
    expect([first.name, second.name, named.name]).toEqual(['uptime', 'uptime-1', 'mine']);
    expect(first).toMatchObject({ description: '', snapshot: null, removed: null, platform: null, version: null, shard: null, denylist: null });
    expect(activities.types).toEqual(['edited_pack', 'edited_pack', 'edited_pack']);
    expect(hostCache.bumps).toBe(3);
  });

  it('refuses an unknown saved query as a field error and an unknown pack as not found', async () => {
    const { packs, scheduled, service } = setup();
    const packId = await packs.create({ name: 'p', description: '', platform: '', disabled: false }, { hostIds: [], labelIds: [], teamIds: [] });
    const unknownQuery = await rejection(service.create(admin, packId, { queryId: 99, interval: 60 }));
    expect(unknownQuery.code).toBe(AdminErrorCode.VALIDATION_FAILED);
    expect(unknownQuery.fieldErrors).toEqual([{ name: 'query_id', reason: 'query 99 does not exist' }]);
    const unknownPack = await rejection(service.create(admin, 42, { queryId: 1, interval: 60 }));
    expect(unknownPack.code).toBe(AdminErrorCode.NOT_FOUND);
    expect(unknownPack.message).toBe('Pack with id=42 was not found in the datastore');
    expect(scheduled.rows.size).toBe(0);
  });

  it('refuses renaming to a name another scheduled query of the pack has, and keeps a rename to its own name', async () => {
    const { packs, activities, service } = setup();
    const packId = await packs.create({ name: 'p', description: '', platform: '', disabled: false }, { hostIds: [], labelIds: [], teamIds: [] });
    const a = await service.create(admin, packId, { queryId: 1, interval: 60 });
    const b = await service.create(admin, packId, { queryId: 2, interval: 60 });
    const taken = await rejection(service.modify(admin, b.id, { name: 'uptime' }));
    expect(taken.fieldErrors).toEqual([{ name: 'name', reason: 'a scheduled query named uptime already exists in this pack' }]);
    expect((await service.get(admin, b.id)).name).toBe('users');
    expect(activities.types).toHaveLength(2);
    expect(await service.modify(admin, a.id, { name: 'uptime', interval: 300 })).toMatchObject({ name: 'uptime', interval: 300 });
  });

  it('answers not found for an unknown scheduled query and forbids observers before looking', async () => {
    const { service } = setup();
    expect((await rejection(service.delete(admin, 7))).message).toBe('ScheduledQuery with id=7 was not found in the datastore');
    const observer = callerWith('observer');
    expect((await rejection(service.get(observer, 7))).code).toBe(AdminErrorCode.FORBIDDEN);
    expect(observer.verdict).toBe('denied');
  });
});
