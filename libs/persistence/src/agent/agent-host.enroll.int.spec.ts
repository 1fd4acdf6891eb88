import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { MysqlAgentHostRepository } from './agent-host.repository';
import type { EnrollInput } from './agent-host.types';

/** Enrolls that arrive together are written in batches; every one must come out as if enrolled alone. */
describe('batched enrolls (MariaDB)', () => {
  let db: TestDatabase;
  let repo: MysqlAgentHostRepository;
  beforeAll(async () => {
    db = await createTestDatabase('enroll_batch');
    repo = new MysqlAgentHostRepository(db.dataSource);
  });
  afterAll(async () => { await db.drop(); });

  const input = (identifier: string, nodeKey: string, vitals: EnrollInput['vitals'] = { hostname: identifier, platform: 'ubuntu' }): EnrollInput =>
    ({ identifier, nodeKey, teamId: null, vitals, publicIp: '10.0.0.1', cooldownMs: 0, now: new Date() });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.dataSource.query<Array<{ n: number }>>(sql, params))[0]?.n);

  it('enrolls 1,200 new hosts sent at once, with mixed vitals, a known host and one identifier twice, each with its own key and row', async () => {
    const known = await repo.enroll(input('known-1', 'nk-known-old'));
    expect(known.kind).toBe('enrolled');
    const inputs = Array.from({ length: 1200 }, (_, i) => input(`storm-${i}`, `nk-storm-${i}`, i % 3 === 0 ? { hostname: `storm-${i}` } : { hostname: `storm-${i}`, platform: 'darwin', memory: 1024 }));
    inputs.push(input('known-1', 'nk-known-new'), input('twice', 'nk-twice-a'), input('twice', 'nk-twice-b'));
    const outcomes = await Promise.all(inputs.map((i) => repo.enroll(i)));

    outcomes.forEach((o, i) => {
      expect(o.kind).toBe('enrolled');
      if (o.kind !== 'enrolled') return;
      expect(o.host.nodeKey).toBe(inputs[i]?.nodeKey);
      expect(o.host.osqueryHostId).toBe(inputs[i]?.identifier);
      expect(o.host.refetchRequested).toBe(true);
    });
    const ids = outcomes.map((o) => (o.kind === 'enrolled' ? o.host.id : 0));
    expect(new Set(ids.slice(0, 1200)).size).toBe(1200);
    // The known host and the repeated identifier keep one row each, with the newest key; the old key is reported.
    const knownOutcome = outcomes[1200];
    expect(knownOutcome).toMatchObject({ reenrolled: true, previousNodeKey: 'nk-known-old', host: { id: known.kind === 'enrolled' ? known.host.id : -1 } });
    expect(ids[1201]).toBe(ids[1202]);
    expect(await count("SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id = 'twice'")).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM hosts')).toBe(1202);
    // Vitals as sent (the darwin rows with memory, the others without), All Hosts membership and a seen time for each.
    expect(await count("SELECT COUNT(*) AS n FROM hosts WHERE platform = 'darwin' AND memory = 1024")).toBe(800);
    // One INSERT holds both sets of columns: a host that sent no platform or memory gets the columns' defaults.
    expect(await count("SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id LIKE 'storm-%' AND platform = '' AND memory = 0")).toBe(400);
    expect(await count("SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id LIKE 'storm-%' AND hostname = osquery_host_id")).toBe(1200);
    expect(await count("SELECT COUNT(*) AS n FROM label_membership m JOIN labels l ON l.id = m.label_id WHERE l.name = 'All Hosts'")).toBe(1202);
    expect(await count('SELECT COUNT(*) AS n FROM host_seen_times')).toBe(1202);
  });

  it('when a statement of a batch fails after the hosts were inserted, each enroll is finished one by one with its own key', async () => {
    // The real MariaDB, with one fault injected: the batch's membership statement fails once (as a full lock table would).
    let failed = false;
    const faulty = new Proxy(db.dataSource, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
        return (sql: string, params?: unknown[]) => {
          if (!failed && sql.startsWith('INSERT IGNORE INTO label_membership (label_id, host_id) VALUES')) {
            failed = true;
            return Promise.reject(Object.assign(new Error('The total number of locks exceeds the lock table size'), { code: 'ER_LOCK_TABLE_FULL' }));
          }
          return target.query(sql, params);
        };
      },
    });
    const flaky = new MysqlAgentHostRepository(faulty);
    const inputs = Array.from({ length: 50 }, (_, i) => ({ ...input(`fault-${i}`, `nk-fault-${i}`), cooldownMs: 60_000 }));
    const outcomes = await Promise.all(inputs.map((i) => flaky.enroll(i)));
    expect(failed).toBe(true);
    outcomes.forEach((o, i) => expect(o).toMatchObject({ kind: 'enrolled', reenrolled: false, previousNodeKey: null, host: { nodeKey: `nk-fault-${i}` } }));
    expect(await count("SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id LIKE 'fault-%'")).toBe(50);
    expect(await count("SELECT COUNT(*) AS n FROM label_membership m JOIN hosts h ON h.id = m.host_id JOIN labels l ON l.id = m.label_id WHERE l.name = 'All Hosts' AND h.osquery_host_id LIKE 'fault-%'")).toBe(50);
  });
});
