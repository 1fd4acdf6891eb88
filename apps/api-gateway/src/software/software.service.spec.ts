import type { ListOptions, Page, SoftwareFilters, SoftwareTitle, SoftwareVersion, TeamScope } from '@fleet/domain';
import { UNPAGED } from '@fleet/domain';
import { HostRepository, SoftwareRepository } from '@fleet/persistence';
import { callerWith } from '../hosts/testing/memory-hosts';
import { SoftwareService } from './software.service';

const curl: SoftwareVersion = {
  id: 1, titleId: 3, name: 'curl', version: '8', source: 'deb_packages', vendor: '', release: '', arch: '', browser: '', bundleIdentifier: '', extensionId: '',
  generatedCpe: '', hostsCount: 1, vulnerabilities: [],
};

/** Records the list options and filters it was asked for; one version (and its title) on team 7's hosts. */
class RecordingSoftware extends SoftwareRepository {
  readonly asked: Array<{ filters: SoftwareFilters; opts: ListOptions }> = [];

  constructor() {
    super(undefined as never);
  }

  override listVersions(_scope: TeamScope, filters: SoftwareFilters, opts: ListOptions): Promise<Page<SoftwareVersion> & { count: number }> {
    this.asked.push({ filters, opts });
    return Promise.resolve({ items: [], hasNext: false, hasPrevious: false, count: 42 });
  }

  override listTitles(_scope: TeamScope, filters: SoftwareFilters, opts: ListOptions): Promise<Page<SoftwareTitle> & { count: number }> {
    this.asked.push({ filters, opts });
    return Promise.resolve({ items: [], hasNext: false, hasPrevious: false, count: 0 });
  }

  override findVersion(scope: TeamScope, _teamId: number | undefined, id: number): Promise<SoftwareVersion | null> {
    const visible = scope.kind === 'all' || scope.teamIds.includes(7);
    return Promise.resolve(id === 1 && visible ? curl : null);
  }
}

const service = (repo: SoftwareRepository): SoftwareService => new SoftwareService(repo, new HostRepository(undefined as never));

describe('SoftwareService', () => {
  it('lists versions and titles the most installed first unless an order is given', async () => {
    const repo = new RecordingSoftware();
    await service(repo).listVersions(callerWith('observer'), {}, UNPAGED);
    await service(repo).listVersions(callerWith('observer'), { vulnerable: true }, { ...UNPAGED, orderKey: 'cvss_score', orderDirection: 'desc' });
    await service(repo).listTitles(callerWith('observer'), {}, UNPAGED);
    expect(repo.asked).toEqual([
      { filters: {}, opts: { ...UNPAGED, orderKey: 'hosts_count', orderDirection: 'desc' } },
      { filters: { vulnerable: true }, opts: { ...UNPAGED, orderKey: 'cvss_score', orderDirection: 'desc' } },
      { filters: {}, opts: { ...UNPAGED, orderKey: 'hosts_count', orderDirection: 'desc' } },
    ]);
  });

  it('counts through one one-row page of the same filters', async () => {
    const repo = new RecordingSoftware();
    expect(await service(repo).countVersions(callerWith('observer'), { teamId: 0 }, { page: 3, perPage: 50, orderDirection: 'asc', query: 'cu' })).toBe(42);
    expect(repo.asked).toEqual([{ filters: { teamId: 0 }, opts: { page: 0, perPage: 1, orderDirection: 'asc', query: 'cu' } }]);
  });

  it('a version on none of the caller’s teams’ hosts is 404 with Fleet’s message', async () => {
    const s = service(new RecordingSoftware());
    expect((await s.getVersion(callerWith({ teams: [{ teamId: 7, role: 'observer' }] }), undefined, 1)).name).toBe('curl');
    await expect(s.getVersion(callerWith({ teams: [{ teamId: 8, role: 'observer' }] }), undefined, 1))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Software with id=1 was not found in the datastore' });
    await expect(s.getVersion(callerWith('gitops'), undefined, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a team_id the caller holds no reading role on (0 = no team), before reading anything', async () => {
    const repo = new RecordingSoftware();
    const s = service(repo);
    const teamUser = callerWith({ teams: [{ teamId: 7, role: 'observer' }] });
    for (const teamId of [8, 0]) {
      await expect(s.listVersions(teamUser, { teamId }, UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(s.countVersions(teamUser, { teamId }, UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(s.getVersion(teamUser, teamId, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(s.listTitles(teamUser, { teamId }, UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(s.getTitle(teamUser, teamId, 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(repo.asked).toEqual([]);
    expect((await s.getVersion(teamUser, 7, 1)).name).toBe('curl');
    await s.listVersions(callerWith('observer'), { teamId: 0 }, UNPAGED);
    expect(repo.asked).toHaveLength(1);
  });
});
