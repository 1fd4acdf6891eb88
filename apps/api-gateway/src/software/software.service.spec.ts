import type { ListOptions, Page, SoftwareVersion, TeamScope } from '@fleet/domain';
import { UNPAGED } from '@fleet/domain';
import { SoftwareRepository } from '@fleet/persistence';
import { callerWith } from '../hosts/testing/memory-hosts';
import { SoftwareService } from './software.service';

/** Records the list options it was asked for; one version on team 7's hosts. */
class RecordingSoftware extends SoftwareRepository {
  readonly asked: ListOptions[] = [];

  constructor() {
    super(undefined as never);
  }

  override list(_scope: TeamScope, _teamId: number | undefined, opts: ListOptions): Promise<Page<SoftwareVersion> & { count: number }> {
    this.asked.push(opts);
    return Promise.resolve({ items: [], hasNext: false, hasPrevious: false, count: 42 });
  }

  override findById(scope: TeamScope, _teamId: number | undefined, id: number): Promise<SoftwareVersion | null> {
    const visible = scope.kind === 'all' || scope.teamIds.includes(7);
    return Promise.resolve(id === 1 && visible ? { id: 1, name: 'curl', version: '8', source: 'deb_packages', vendor: '', release: '', arch: '', hostsCount: 1 } : null);
  }
}

describe('SoftwareService', () => {
  it('lists the most installed first unless an order is given', async () => {
    const repo = new RecordingSoftware();
    const service = new SoftwareService(repo);
    await service.list(callerWith('observer'), undefined, UNPAGED);
    await service.list(callerWith('observer'), undefined, { ...UNPAGED, orderKey: 'name' });
    expect(repo.asked).toEqual([{ ...UNPAGED, orderKey: 'hosts_count', orderDirection: 'desc' }, { ...UNPAGED, orderKey: 'name' }]);
  });

  it('counts through one one-row page of the same filters', async () => {
    const repo = new RecordingSoftware();
    expect(await new SoftwareService(repo).count(callerWith('observer'), 0, { page: 3, perPage: 50, orderDirection: 'asc', query: 'cu' })).toBe(42);
    expect(repo.asked).toEqual([{ page: 0, perPage: 1, orderDirection: 'asc', query: 'cu' }]);
  });

  it('a version on none of the caller’s teams’ hosts is 404 with Fleet’s message', async () => {
    const service = new SoftwareService(new RecordingSoftware());
    expect((await service.get(callerWith({ teams: [{ teamId: 7, role: 'observer' }] }), undefined, 1)).name).toBe('curl');
    await expect(service.get(callerWith({ teams: [{ teamId: 8, role: 'observer' }] }), undefined, 1))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Software with id=1 was not found in the datastore' });
    await expect(service.get(callerWith('gitops'), undefined, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a team_id the caller holds no reading role on (0 = no team), before reading anything', async () => {
    const repo = new RecordingSoftware();
    const service = new SoftwareService(repo);
    const teamUser = callerWith({ teams: [{ teamId: 7, role: 'observer' }] });
    for (const teamId of [8, 0]) {
      await expect(service.list(teamUser, teamId, UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(service.count(teamUser, teamId, UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(service.get(teamUser, teamId, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(repo.asked).toEqual([]);
    expect((await service.get(teamUser, 7, 1)).name).toBe('curl');
    await service.list(callerWith('observer'), 0, UNPAGED);
    expect(repo.asked).toHaveLength(1);
  });
});
