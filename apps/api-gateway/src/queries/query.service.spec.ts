import { AdminErrorCode } from '@fleet/auth';
import type { AppConfigRepository } from '@fleet/persistence';
import { asQueryRepository, MemoryQueries } from '../testing/memory-content.repositories';
import type { StoredResult } from '../testing/memory-content.repositories';
import { callerWith, countingConfigVersion, recordingActivities, teamsOf } from '../testing/service-doubles';
import { QueryService } from './query.service';

const QUERY_REPORT_CAP = 1000;

describe('QueryService', () => {
  const [A, B] = [1, 2];
  const admin = () => callerWith({ global: 'admin' });
  let queries: MemoryQueries;
  let activities: ReturnType<typeof recordingActivities>;
  let config: ReturnType<typeof countingConfigVersion>;
  let service: QueryService;
  let appConfig: Record<string, unknown>;

  beforeEach(() => {
    queries = new MemoryQueries();
    activities = recordingActivities();
    config = countingConfigVersion();
    appConfig = {};
    service = new QueryService(asQueryRepository(queries), teamsOf({ [A]: 'A', [B]: 'B' }), activities.recorder, config.store, { get: () => Promise.resolve(appConfig) } as unknown as AppConfigRepository);
  });

  const result = (queryId: number, hostId: number, hostTeamId: number | null): StoredResult =>
    ({ queryId, hostId, hostTeamId, hostName: `h${hostId}`, lastFetched: new Date(0), data: { x: String(hostId) } });

  it('creates with Fleet’s defaults (snapshot logging, not scheduled) and names the team in the activity', async () => {
    const q = await service.create(admin(), A, { name: 'procs', query: 'SELECT 1' });
    expect(q).toMatchObject({ teamId: A, logging: 'snapshot', interval: 0, observerCanRun: false, discardData: false });
    expect(activities.log).toEqual([{ type: 'created_saved_query', details: { query_id: q.id, query_name: 'procs', team_id: A, team_name: 'A' } }]);
    expect(config.bumps()).toBe(1);
  });

  it('refuses an unknown team as a 422 on team_id, and a duplicate name in the same team', async () => {
    await expect(service.create(admin(), 99, { name: 'q', query: 'SELECT 1' })).rejects.toMatchObject({
      code: AdminErrorCode.VALIDATION_FAILED, fieldErrors: [{ name: 'team_id', reason: 'team 99 does not exist' }] });
    await service.create(admin(), null, { name: 'q', query: 'SELECT 1' });
    await expect(service.create(admin(), null, { name: 'q', query: 'SELECT 1' })).rejects.toMatchObject({ code: AdminErrorCode.ALREADY_EXISTS });
  });

  it('drops the stored report when the SQL changes, keeps it for a schedule change', async () => {
    const q = await service.create(admin(), null, { name: 'q', query: 'SELECT 1', interval: 60 });
    queries.results = [result(q.id, 1, null)];
    await service.modify(admin(), q.id, { interval: 300 });
    expect(queries.results).toHaveLength(1);
    await service.modify(admin(), q.id, { query: 'SELECT 2' });
    expect(queries.results).toEqual([]);
  });

  it('deletes many all or nothing: one unknown id is 404, one query of a team the caller cannot write is 403', async () => {
    const a = await service.create(admin(), A, { name: 'a', query: 'SELECT 1' });
    const b = await service.create(admin(), B, { name: 'b', query: 'SELECT 1' });
    await expect(service.deleteMany(admin(), [a.id, 999])).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND, message: 'one or more queries were not found' });
    const maintainerOfA = callerWith({ teams: [{ teamId: A, role: 'maintainer' }] });
    await expect(service.deleteMany(maintainerOfA, [a.id, b.id])).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    expect(queries.rows.size).toBe(2);
    expect(await service.deleteMany(maintainerOfA, [a.id, a.id])).toBe(1);
    expect(activities.log.at(-1)).toEqual({ type: 'deleted_multiple_saved_query', details: { query_ids: [a.id] } });
  });

  it('deletes by name within the given team only', async () => {
    await service.create(admin(), A, { name: 'same', query: 'SELECT 1' });
    await expect(service.deleteByName(admin(), null, 'same')).rejects.toMatchObject({ message: 'Query with name=same was not found in the datastore' });
    await service.deleteByName(admin(), A, 'same');
    expect(activities.log.at(-1)).toEqual({ type: 'deleted_saved_query', details: { query_name: 'same', team_id: A, team_name: 'A' } });
  });

  it('reports only rows of hosts the caller may see, and clips at the report cap', async () => {
    const q = await service.create(admin(), null, { name: 'r', query: 'SELECT 1', interval: 60 });
    queries.results = [result(q.id, 1, A), result(q.id, 2, B), result(q.id, 3, null)];
    const observerOfA = callerWith({ teams: [{ teamId: A, role: 'observer' }] });
    expect((await service.report(observerOfA, q.id)).rows.map((r) => r.hostId)).toEqual([1]);
    expect(await service.report(admin(), q.id)).toMatchObject({ clipped: false, rows: { length: 3 } });
    queries.results = Array.from({ length: QUERY_REPORT_CAP + 5 }, (_, i) => result(q.id, i + 1, null));
    const clipped = await service.report(admin(), q.id);
    expect(clipped.clipped).toBe(true);
    expect(clipped.rows).toHaveLength(QUERY_REPORT_CAP);
  });

  it('takes the cap from server_settings.query_report_cap and pages the report', async () => {
    const q = await service.create(admin(), null, { name: 'p', query: 'SELECT 1', interval: 60 });
    queries.results = Array.from({ length: 25 }, (_, i) => result(q.id, i + 1, null));
    appConfig = { server_settings: { query_report_cap: 30 } };
    expect(await service.report(admin(), q.id)).toMatchObject({ clipped: false, rows: { length: 25 } });
    const first = await service.report(admin(), q.id, { page: 0, perPage: 10 });
    const last = await service.report(admin(), q.id, { page: 2, perPage: 10 });
    expect([first.rows.map((r) => r.hostId), first.hasNext]).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true]);
    expect([last.rows.map((r) => r.hostId), last.hasNext]).toEqual([[21, 22, 23, 24, 25], false]);
    appConfig = { server_settings: { query_report_cap: 25 } };
    expect((await service.report(admin(), q.id)).clipped).toBe(true);
  });

  it('lets a team observer read its team’s and global queries, not another team’s', async () => {
    const g = await service.create(admin(), null, { name: 'g', query: 'SELECT 1' });
    const b = await service.create(admin(), B, { name: 'b', query: 'SELECT 1' });
    const observerOfA = callerWith({ teams: [{ teamId: A, role: 'observer' }] });
    await expect(service.get(observerOfA, g.id)).resolves.toMatchObject({ query: { id: g.id }, packs: [] });
    await expect(service.get(observerOfA, b.id)).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
  });
});
