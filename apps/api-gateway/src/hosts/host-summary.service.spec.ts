import pino from 'pino';
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

/** The background recomputation settles within a few turns of the event loop (no timers involved). */
async function eventuallyComputed(summaries: CountingSummaries, n: number): Promise<void> {
  for (let i = 0; i < 20 && summaries.computed.length < n; i++) await new Promise((r) => setImmediate(r));
  expect(summaries.computed).toHaveLength(n);
}

function setup() {
  const summaries = new CountingSummaries(summaryOf);
  const cache = new MapSummaryCache();
  const clock = new FixedClock(new Date('2026-03-01T00:00:00Z'));
  return { summaries, cache, clock, service: new HostSummaryService(summaries, new MemoryHosts([]), new BuiltinLabels(), cache, clock, pino({ level: 'silent' })) };
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

  it('serves counts older than 5 s at once and recomputes them in the background; past 5 minutes it computes before answering', async () => {
    const { summaries, clock, service } = setup();
    const admin = callerWith('admin');
    await service.summary(admin, undefined, undefined);
    clock.advance(4_000);
    await service.summary(admin, undefined, undefined);
    expect(summaries.computed).toHaveLength(1);
    clock.advance(2_000);
    const stale = await service.summary(admin, undefined, undefined);
    expect(stale.summary.total).toBe(9);
    await eventuallyComputed(summaries, 2);
    expect(summaries.computed[1]?.now).toEqual(new Date('2026-03-01T00:00:06Z'));
    await service.summary(admin, undefined, undefined);
    expect(summaries.computed).toHaveLength(2);
    clock.advance(301_000);
    await service.summary(admin, undefined, undefined);
    expect(summaries.computed).toHaveLength(3);
  });

  it('computes once for concurrent requests of the same counts', async () => {
    const { summaries, service } = setup();
    const admin = callerWith('admin');
    await Promise.all([service.summary(admin, undefined, undefined), service.summary(admin, undefined, undefined), service.summary(admin, undefined, undefined)]);
    expect(summaries.computed).toHaveLength(1);
  });
});
