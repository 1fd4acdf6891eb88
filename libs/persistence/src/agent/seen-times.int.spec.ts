import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { MysqlAgentDataRepository } from './agent-data.repository';

/** Last-seen times written by the ingest role's flush (SeenTimesRecorder), several statements per flush. */
describe('recordSeen (MariaDB)', () => {
  let db: TestDatabase;
  let repo: MysqlAgentDataRepository;
  beforeAll(async () => {
    db = await createTestDatabase('seen_times');
    repo = new MysqlAgentDataRepository(db.dataSource);
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  const seenTimes = async (): Promise<Map<number, number>> => new Map(
    (await db.dataSource.query<Array<{ host_id: number; seen_time: Date }>>('SELECT host_id, seen_time FROM host_seen_times'))
      .map((r) => [Number(r.host_id), r.seen_time.getTime()]));

  it('writes every host of a flush larger than one statement, to the millisecond, and never moves a time back', async () => {
    const base = Date.UTC(2026, 11, 6, 15, 0, 0, 0);
    const flush = Array.from({ length: 4_501 }, (_, i) => [i + 1, base + i * 7] as const);
    await repo.recordSeen(flush);
    const written = await seenTimes();
    expect(written.size).toBe(4_501);
    for (const [hostId, at] of flush) expect(written.get(hostId)).toBe(at);

    // A later flush: newer times replace, an older one (a replica's late flush) leaves the newer time.
    await repo.recordSeen([[1, base + 60_000], [2, base - 60_000], [4_501, base + 61_001]]);
    const after = await seenTimes();
    expect([after.get(1), after.get(2), after.get(4_501), after.get(3)]).toEqual([base + 60_000, base + 7, base + 61_001, base + 14]);
  });

  it('does nothing for an empty flush', async () => {
    const before = await seenTimes();
    await repo.recordSeen([]);
    expect(await seenTimes()).toEqual(before);
  });
});
