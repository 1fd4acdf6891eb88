import { AdminError } from '@fleet/auth';
import { FixedClock } from '@fleet/domain';
import type { Host } from '@fleet/domain';
import { HostService } from './host.service';
import { MemoryHostDetails, MemoryHosts, MemoryTeamNames, RecordedHostActivities, RecordedHostCache, aHost, callerWith } from './testing/memory-hosts';

const A = 10;
const B = 20;

function setup(hosts: Host[]) {
  const repo = new MemoryHosts(hosts);
  const details = new MemoryHostDetails({ software: [{ id: 3, name: 'curl', version: '8', source: 'deb_packages', vendor: '', release: '', arch: '', bundleIdentifier: '', lastOpenedAt: null, browser: '', generatedCpe: '', installedPaths: [], vulnerabilities: [] }] });
  const activities = new RecordedHostActivities();
  const cache = new RecordedHostCache();
  const service = new HostService(repo, details, new MemoryTeamNames(new Map([[A, 'Team A'], [B, 'Team B']])), activities, cache, new FixedClock(new Date('2026-03-01T00:00:00Z')));
  return { repo, details, activities, cache, service };
}

/** The status and reason an admin error would answer with, or the thrown value when it is not one. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof AdminError ? { code: e.code, reason: e.message } : e;
  }
  return 'resolved';
}
const code = async (p: Promise<unknown>) => ((await failure(p)) as { code?: string }).code;

describe('HostService', () => {
  const hosts = () => [aHost({ id: 1, hostname: 'db-1', teamId: A }), aHost({ id: 2, hostname: 'db-2', teamId: B }), aHost({ id: 3, hostname: 'web-1', hardwareSerial: 'S3' })];

  it('transfers to a team, invalidates each host in the agent cache and records names', async () => {
    const { repo, activities, cache, service } = setup(hosts());
    await service.transfer(callerWith('admin'), A, [2, 3]);
    expect([repo.rows.get(2)?.teamId, repo.rows.get(3)?.teamId]).toEqual([A, A]);
    expect(cache.invalidated).toEqual([2, 3]);
    expect(activities.entries).toEqual([{ type: 'transferred_hosts', details: { team_id: A, team_name: 'Team A', host_ids: [2, 3], host_display_names: ['db-2', 'web-1'] } }]);
  });

  it('refuses a missing destination team with 404 and moves nothing', async () => {
    const { repo, activities, service } = setup(hosts());
    expect(await failure(service.transfer(callerWith('admin'), 99, [1]))).toEqual({ code: 'NOT_FOUND', reason: 'Team with id=99 was not found in the datastore' });
    expect(repo.rows.get(1)?.teamId).toBe(A);
    expect(activities.entries).toEqual([]);
  });

  it('an unknown host is 404 for a global user but 403 for a team user, who cannot tell it from another team’s', async () => {
    const { repo, service } = setup(hosts());
    expect(await failure(service.transfer(callerWith('admin'), null, [1, 404]))).toEqual({ code: 'NOT_FOUND', reason: 'one or more hosts were not found' });
    const teamMaintainer = callerWith({ teams: [{ teamId: A, role: 'maintainer' }] });
    expect(await code(service.transfer(teamMaintainer, A, [1, 2]))).toBe('FORBIDDEN');
    expect(repo.rows.get(2)?.teamId).toBe(B);
  });

  it('checks body filters after the permission check: a bad one is 400 for an allowed caller, 403 for the others', async () => {
    const { service } = setup(hosts());
    expect(await failure(service.transferByFilter(callerWith('admin'), A, { status: 'sleeping' }))).toEqual({ code: 'BAD_REQUEST', reason: 'Invalid status: sleeping' });
    expect(await code(service.transferByFilter(callerWith('observer'), A, { status: 'sleeping' }))).toBe('FORBIDDEN');
    expect(await failure(service.deleteMany(callerWith('maintainer'), [1], { status: 'sleeping' }))).toEqual({ code: 'BAD_REQUEST', reason: 'Invalid status: sleeping' });
  });

  it('transfers by filter only the matching hosts of the caller’s teams; no match records nothing', async () => {
    const { repo, activities, service } = setup(hosts());
    const teamMaintainer = callerWith({ teams: [{ teamId: A, role: 'maintainer' }] });
    await service.transferByFilter(teamMaintainer, A, { query: 'web' });
    expect(activities.entries).toEqual([]);
    await service.transferByFilter(callerWith('admin'), null, { query: 'db-' });
    expect([repo.rows.get(1)?.teamId, repo.rows.get(2)?.teamId]).toEqual([null, null]);
    expect(activities.entries.map((e) => e.details['host_ids'])).toEqual([[1, 2]]);
  });

  it('bulk delete skips hosts outside the caller’s teams and records each deleted host', async () => {
    const { repo, activities, cache, service } = setup(hosts());
    await service.deleteMany(callerWith({ teams: [{ teamId: A, role: 'maintainer' }] }), [1, 2], undefined);
    expect([...repo.rows.keys()]).toEqual([2, 3]);
    expect(cache.invalidated).toEqual([1]);
    expect(activities.entries).toEqual([{ type: 'deleted_host', details: { host_id: 1, host_display_name: 'db-1', host_serial: '', triggered_by: 'manual' } }]);
  });

  it('bulk delete without ids deletes the hosts matching the filters (all of the scope when none)', async () => {
    const { repo, service } = setup(hosts());
    await service.deleteMany(callerWith('admin'), undefined, { query: 'db-' });
    expect([...repo.rows.keys()]).toEqual([3]);
    await service.deleteMany(callerWith('admin'), undefined, undefined);
    expect(repo.rows.size).toBe(0);
  });

  it('refetch flags the host, drops its agent cache entry and records its name; another team’s host is 404', async () => {
    const { repo, activities, cache, service } = setup(hosts());
    const teamObserver = callerWith({ teams: [{ teamId: A, role: 'observer' }] });
    await service.refetch(teamObserver, 1);
    expect(repo.rows.get(1)?.refetchRequested).toBe(true);
    expect(cache.invalidated).toEqual([1]);
    expect(activities.entries).toEqual([{ type: 'refetched_host', details: { host_id: 1, host_display_name: 'db-1' } }]);
    expect(await failure(service.refetch(teamObserver, 2))).toEqual({ code: 'NOT_FOUND', reason: 'Host with id=2 was not found in the datastore' });
  });

  it('reads the software list only when it is wanted', async () => {
    const { details, service } = setup(hosts());
    expect((await service.get(callerWith('observer'), 3, false)).parts.software).toEqual([]);
    expect(details.softwareReads).toBe(0);
    expect((await service.getByIdentifier(callerWith('observer'), 'S3', true)).parts.software.map((s) => s.name)).toEqual(['curl']);
    expect(details.softwareReads).toBe(1);
  });
});
