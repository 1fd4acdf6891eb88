import { AdminError } from '@fleet/auth';
import { FixedClock } from '@fleet/domain';
import type { HostSummary, Label } from '@fleet/domain';
import { LabelRepository } from '@fleet/persistence';
import { HostSummaryService } from './host-summary.service';
import { CountingSummaries, MapSummaryCache, MemoryHosts, callerWith } from './testing/memory-hosts';

const summaryOf = (teamId: number | undefined): HostSummary =>
  ({ total: teamId ?? 9, online: 1, offline: 0, missing: 0, new: 0, allLinux: 0, platforms: [{ platform: 'ubuntu', count: teamId ?? 9 }] });

class BuiltinLabels extends LabelRepository {
  constructor() {
    super(undefined as never);
  }

  override builtins(): Promise<Label[]> {
    return Promise.resolve([{ id: 1, name: 'All Hosts' } as Label]);
  }
}

function setup() {
  const summaries = new CountingSummaries(summaryOf);
  const cache = new MapSummaryCache();
  const clock = new FixedClock(new Date('2026-03-01T00:00:00Z'));
  return { summaries, cache, service: new HostSummaryService(summaries, new MemoryHosts([]), new BuiltinLabels(), cache, clock) };
}

describe('HostSummaryService', () => {
  it('computes once per scope, team and platform, then answers from the cache', async () => {
    const { summaries, service } = setup();
    const admin = callerWith('admin');
    const first = await service.summary(admin, undefined, undefined);
    expect(first.builtins.map((l) => l.name)).toEqual(['All Hosts']);
    expect(await service.summary(admin, undefined, undefined)).toEqual(first);
    await service.summary(admin, undefined, 'darwin');
    await service.summary(callerWith({ teams: [{ teamId: 7, role: 'observer' }] }), undefined, undefined);
    expect(summaries.computed.map((c) => [c.scope, c.platform])).toEqual([
      [{ kind: 'all' }, undefined], [{ kind: 'all' }, 'darwin'], [{ kind: 'teams', teamIds: [7] }, undefined],
    ]);
    expect(summaries.computed[0]?.now).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('a team needs a reading role on it; team 0 (no team) counts within the caller’s scope', async () => {
    const { summaries, service } = setup();
    const teamObserver = callerWith({ teams: [{ teamId: 7, role: 'observer' }] });
    await expect(service.summary(teamObserver, 8, undefined)).rejects.toBeInstanceOf(AdminError);
    expect(summaries.computed).toEqual([]);
    expect((await service.summary(teamObserver, 7, undefined)).summary.total).toBe(7);
    expect((await service.summary(teamObserver, 0, undefined)).summary.total).toBe(0);
    await expect(service.summary(callerWith('gitops'), undefined, undefined)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
