import { HostDeviceMappingRepository } from '@fleet/persistence';
import type { QueryRepository } from '@fleet/persistence';
import type { HostDeviceMapping, HostPolicy, SavedQuery } from '@fleet/domain';
import { FixedClock } from '@fleet/domain';
import { HostDeviceService } from './host-device.service';
import { HOST_SEARCH_LIMIT, HostSearchService, searchScope } from './host-search.service';
import { MemoryHostDetails, MemoryHosts, RecordedHostActivities, aHost, callerWith } from './testing/memory-hosts';

const A = 10;
const B = 20;

class MemoryMappings extends HostDeviceMappingRepository {
  readonly rows = new Map<number, HostDeviceMapping[]>();
  constructor() {
    super(undefined as never);
  }
  override list(hostId: number): Promise<HostDeviceMapping[]> {
    return Promise.resolve(this.rows.get(hostId) ?? []);
  }
  override setCustom(hostId: number, email: string): Promise<void> {
    this.rows.set(hostId, [...(this.rows.get(hostId) ?? []).filter((m) => m.source !== 'custom'), { email, source: 'custom' }]);
    return Promise.resolve();
  }
}

const policy = (id: number, passes: boolean | null, critical: boolean): HostPolicy => ({
  id, name: `p${id}`, query: 'SELECT 1', description: '', resolution: 'r', platforms: '', critical, teamId: null, authorId: null, authorName: '', authorEmail: '',
  createdAt: new Date(0), updatedAt: new Date(0), passes,
});

describe('HostDeviceService', () => {
  const setup = () => {
    const hosts = new MemoryHosts([aHost({ id: 1, teamId: A, osVersion: 'macOS 14' }), aHost({ id: 2, teamId: B })]);
    const mappings = new MemoryMappings();
    mappings.rows.set(1, [{ email: 'idp@example.com', source: 'identity_provider' }]);
    const activities = new RecordedHostActivities();
    const details = new MemoryHostDetails({ policies: [policy(1, false, true), policy(2, false, false), policy(3, true, true), policy(4, null, true)] });
    return { mappings, activities, service: new HostDeviceService(hosts, details, mappings, activities) };
  };

  it('sets the one custom email, keeps other sources, and records the change naming the host', async () => {
    const { service, activities } = setup();
    await service.setCustomDeviceMapping(callerWith('admin'), 1, 'a@example.com');
    expect(await service.setCustomDeviceMapping(callerWith('maintainer'), 1, 'b@example.com')).toEqual([
      { email: 'idp@example.com', source: 'identity_provider' }, { email: 'b@example.com', source: 'custom' },
    ]);
    expect(activities.entries[1]).toEqual({ type: 'edited_host_device_mapping', details: { host_id: 1, host_display_name: 'host1', email: 'b@example.com', source: 'custom' } });
  });

  it('reads the mapping as a host reader, writes it as a host writer, and hides hosts of other teams (404)', async () => {
    const { service } = setup();
    const observerA = callerWith({ teams: [{ teamId: A, role: 'observer' }] });
    expect(await service.deviceMapping(observerA, 1)).toHaveLength(1);
    await expect(service.setCustomDeviceMapping(observerA, 1, 'x@example.com')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.deviceMapping(observerA, 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.health(callerWith('gitops'), 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports health from the failing policies, counting the critical ones', async () => {
    const { service } = setup();
    const h = await service.health(callerWith('observer'), 1);
    expect(h).toMatchObject({ osVersion: 'macOS 14', failingCriticalPoliciesCount: 1 });
    expect(h.failingPolicies.map((p) => p.id)).toEqual([1, 2]);
  });
});

describe('HostSearchService', () => {
  const queries = (q: Partial<SavedQuery> | null) => ({ findById: () => Promise.resolve(q) }) as unknown as QueryRepository;
  const many = Array.from({ length: 14 }, (_, i) => aHost({ id: i + 1, hostname: `web-${String(i + 1).padStart(2, '0')}`, teamId: i % 2 ? A : B }));

  it('answers at most 10 matching hosts of the caller\'s teams, without the excluded ones', async () => {
    const service = new HostSearchService(new MemoryHosts(many), queries(null), new FixedClock(new Date()));
    const found = await service.search(callerWith('admin'), 'web', undefined, [1, 2]);
    expect(found).toHaveLength(HOST_SEARCH_LIMIT);
    expect(found.map((h) => h.id)).not.toContain(1);
    const teamA = await service.search(callerWith({ teams: [{ teamId: A, role: 'maintainer' }] }), 'web', undefined, []);
    expect(teamA.every((h) => h.teamId === A)).toBe(true);
  });

  it('leaves observers out unless the search is for a query they may run, as Fleet\'s target search', async () => {
    const service = (q: Partial<SavedQuery> | null) => new HostSearchService(new MemoryHosts(many), queries(q), new FixedClock(new Date()));
    expect(await service(null).search(callerWith('observer'), 'web', undefined, [])).toEqual([]);
    expect(await service({ observerCanRun: false }).search(callerWith('observer'), 'web', 5, [])).toEqual([]);
    expect(await service({ observerCanRun: true }).search(callerWith('observer'), 'web', 5, [])).toHaveLength(HOST_SEARCH_LIMIT);
    expect(await service(null).search(callerWith('observer_plus'), 'web', undefined, [])).toHaveLength(HOST_SEARCH_LIMIT);
    const mixed = callerWith({ teams: [{ teamId: A, role: 'observer' }, { teamId: B, role: 'maintainer' }] });
    expect(searchScope(mixed, { kind: 'teams', teamIds: [A, B] }, false)).toEqual({ kind: 'teams', teamIds: [B] });
  });
});
