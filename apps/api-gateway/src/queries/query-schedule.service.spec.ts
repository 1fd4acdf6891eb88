import type { AppConfigRepository } from '@fleet/persistence';
import { AdminErrorCode } from '@fleet/auth';
import { FixedClock, UNPAGED } from '@fleet/domain';
import { asQueryRepository, MemoryQueries } from '../testing/memory-content.repositories';
import { callerWith, countingConfigVersion, recordingActivities, teamsOf } from '../testing/service-doubles';
import { copiedQueryName, loggingOf, QueryScheduleService } from './query-schedule.service';
import { QueryService } from './query.service';

describe('QueryScheduleService', () => {
  const [A, B] = [1, 2];
  const NOW = new Date('2026-05-01T10:00:00Z');
  const admin = () => callerWith({ global: 'admin' });
  let queries: MemoryQueries;
  let activities: ReturnType<typeof recordingActivities>;
  let queryService: QueryService;
  let service: QueryScheduleService;

  beforeEach(() => {
    queries = new MemoryQueries();
    activities = recordingActivities();
    const teams = teamsOf({ [A]: 'A', [B]: 'B' });
    queryService = new QueryService(asQueryRepository(queries), teams, activities.recorder, countingConfigVersion().store, { get: () => Promise.resolve({}) } as unknown as AppConfigRepository);
    service = new QueryScheduleService(asQueryRepository(queries), teams, queryService, new FixedClock(NOW));
  });

  it('reads snapshot/removed as Fleet does, only when both are given', () => {
    expect(loggingOf(true, false)).toBe('snapshot');
    expect(loggingOf(false, true)).toBe('differential');
    expect(loggingOf(false, false)).toBe('differential_ignore_removals');
    expect(loggingOf(false, undefined)).toBeUndefined();
    expect(loggingOf(null, true)).toBeUndefined();
    expect(copiedQueryName('uptime', NOW)).toBe(`Copy of uptime (${NOW.getTime() / 1000})`);
  });

  it('adds a global query to the global schedule as a scheduled copy, with automations on', async () => {
    const source = await queryService.create(admin(), null, { name: 'arp', query: 'SELECT * FROM arp_cache', description: 'd', observerCanRun: true });
    const entry = await service.add(admin(), null, { query_id: source.id, interval: 120, snapshot: false, removed: true, platform: 'linux' });
    expect(entry).toMatchObject({
      teamId: null, name: copiedQueryName('arp', NOW), query: 'SELECT * FROM arp_cache', description: 'd', observerCanRun: true, interval: 120,
      platform: 'linux', minOsqueryVersion: '', automationsEnabled: true, logging: 'differential',
    });
    expect((await service.list(admin(), null, UNPAGED)).items.map((q) => q.id)).toEqual([entry.id]);
    expect(activities.log.map((a) => a.type)).toEqual(['created_saved_query', 'created_saved_query']);
  });

  it('copies into a team\'s schedule only from a global query, and an unknown source is 404', async () => {
    const teamQuery = await queryService.create(admin(), A, { name: 't', query: 'SELECT 1' });
    const global = await queryService.create(admin(), null, { name: 'g', query: 'SELECT 2' });
    await expect(service.add(admin(), B, { query_id: teamQuery.id, interval: 60 })).rejects.toMatchObject({
      code: AdminErrorCode.VALIDATION_FAILED, fieldErrors: [{ name: 'query_id', reason: 'cannot create a team schedule from a team query' }] });
    await expect(service.add(admin(), B, { query_id: 999, interval: 60 })).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
    const entry = await service.add(admin(), B, { query_id: global.id, interval: 60 });
    expect(entry).toMatchObject({ teamId: B, logging: 'snapshot' });
    expect((await service.list(admin(), B, UNPAGED)).items.map((q) => q.id)).toEqual([entry.id]);
    expect((await service.list(admin(), null, UNPAGED)).items).toEqual([]);
  });

  it('checks the team\'s write permission before reading the source, and an unknown team is 404', async () => {
    const global = await queryService.create(admin(), null, { name: 'g', query: 'SELECT 2' });
    const teamMaintainer = callerWith({ teams: [{ teamId: A, role: 'maintainer' }] });
    await expect(service.add(teamMaintainer, B, { query_id: 999, interval: 60 })).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    expect((await service.add(teamMaintainer, A, { query_id: global.id, interval: 60 })).teamId).toBe(A);
    await expect(service.list(admin(), 77, UNPAGED)).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
  });

  it('modifies interval, platform, version and (with both flags) logging; an entry of another schedule is not found', async () => {
    const q = await queryService.create(admin(), A, { name: 'q', query: 'SELECT 1', interval: 60, logging: 'differential' });
    const changed = await service.modify(admin(), A, q.id, { interval: 600, version: '5.0.0', snapshot: true });
    expect(changed).toMatchObject({ interval: 600, minOsqueryVersion: '5.0.0', logging: 'differential' });
    expect((await service.modify(admin(), A, q.id, { snapshot: true, removed: false })).logging).toBe('snapshot');
    await expect(service.modify(admin(), null, q.id, { interval: 1 })).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
    await expect(service.modify(admin(), B, q.id, { interval: 1 })).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
    await expect(service.remove(admin(), B, q.id)).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
    await service.remove(admin(), A, q.id);
    expect(queries.rows.has(q.id)).toBe(false);
    expect(activities.log.map((a) => a.type)).toEqual(['created_saved_query', 'edited_saved_query', 'edited_saved_query', 'deleted_saved_query']);
  });
});
