import { AdminError, AdminErrorCode } from '@fleet/auth';
import { PackService } from './pack.service';
import { callerWith, CountingHostCache, MemoryPacks, RecordedActivities } from './testing/memory-packs';

const NO_TARGETS = { hostIds: [], labelIds: [], teamIds: [] };
const fields = (name: string) => ({ name, description: '', platform: '', disabled: false });

const rejection = async (p: Promise<unknown>): Promise<AdminError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AdminError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('PackService', () => {
  const admin = callerWith('admin');
  const setup = () => {
    const packs = new MemoryPacks();
    const activities = new RecordedActivities();
    const hostCache = new CountingHostCache();
    return { packs, activities, hostCache, service: new PackService(packs, activities, hostCache) };
  };

  it('refuses a second pack of the same name and a rename onto another pack, but not a rename to its own name', async () => {
    const { service, activities, hostCache } = setup();
    const p1 = await service.create(admin, fields('p1'), NO_TARGETS);
    await service.create(admin, fields('p2'), NO_TARGETS);
    const dup = await rejection(service.create(admin, fields('p1'), NO_TARGETS));
    expect(dup.code).toBe(AdminErrorCode.ALREADY_EXISTS);
    expect(dup.message).toBe('Pack with name=p1 already exists');
    expect((await rejection(service.modify(admin, p1.id, { name: 'p2' }, {}))).code).toBe(AdminErrorCode.ALREADY_EXISTS);
    expect(await service.modify(admin, p1.id, { name: 'p1', disabled: true }, { teamIds: [3] })).toMatchObject({ name: 'p1', disabled: true, teamIds: [3] });
    expect(activities.types).toEqual(['created_pack', 'created_pack', 'edited_pack']);
    expect(hostCache.bumps).toBe(3);
  });

  it('deletes by id or name, answering not found for an unknown one', async () => {
    const { service, packs, activities } = setup();
    const p = await service.create(admin, fields('gone'), NO_TARGETS);
    expect((await rejection(service.deleteByName(admin, 'nope'))).message).toBe('Pack with name=nope was not found in the datastore');
    expect((await rejection(service.deleteById(admin, 99))).message).toBe('Pack with id=99 was not found in the datastore');
    await service.deleteByName(admin, 'gone');
    expect(packs.rows.has(p.id)).toBe(false);
    expect(activities.types).toEqual(['created_pack', 'deleted_pack']);
  });

  it('lets gitops write packs and keeps team roles and observers out', async () => {
    const { service } = setup();
    await expect(service.create(callerWith('gitops'), fields('g'), NO_TARGETS)).resolves.toMatchObject({ name: 'g' });
    expect((await rejection(service.list(callerWith('observer_plus'), { page: 0, perPage: 0, orderDirection: 'asc' }))).code).toBe(AdminErrorCode.FORBIDDEN);
  });
});
