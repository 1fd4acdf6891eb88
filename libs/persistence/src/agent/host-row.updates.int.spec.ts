import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import type { HostWriteMessage } from '@fleet/contracts';
import { MysqlAgentDataRepository } from './agent-data.repository';
import { hostRowAssignments, hostRowStatements } from './host-row.updates';

const HOSTS = 2_000;
const intervals = { distributed: 10, configRefresh: 60, loggerPeriod: 10 };

/**
 * A batch's host-row writes: hosts that set the same columns share one UPDATE joined to their values, and each
 * row ends as the writes applied one by one would leave it (MariaDB, counted with its table statistics).
 */
describe('host-row updates of a batch (MariaDB)', () => {
  let db: TestDatabase;
  let userstatWas = 0;
  let ids: number[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('host_row_updates');
    userstatWas = Number((await db.dataSource.query<Array<{ v: number }>>('SELECT @@GLOBAL.userstat AS v'))[0]?.v ?? 0);
    await db.dataSource.query('SET GLOBAL userstat = 1');
    await db.dataSource.query(`INSERT INTO hosts (osquery_host_id, node_key, hostname, refetch_requested) SELECT CONCAT('hr-', seq), CONCAT('nk-hr-', seq), CONCAT('old', seq), 1 FROM seq_1_to_${HOSTS}`);
    await db.dataSource.query('ANALYZE TABLE hosts');
    ids = (await db.dataSource.query<Array<{ id: number }>>('SELECT id FROM hosts ORDER BY id')).map((r) => Number(r.id));
  }, 120_000);
  afterAll(async () => {
    await db.dataSource.query(`SET GLOBAL userstat = ${userstatWas ? 1 : 0}`);
    await db.drop();
  });

  const rowsRead = async (): Promise<number> => Number((await db.dataSource.query<Array<{ n: number }>>(
    "SELECT COALESCE(SUM(ROWS_READ), 0) AS n FROM information_schema.TABLE_STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'hosts'"))[0]?.n ?? 0);
  const row = async (id: number): Promise<Record<string, unknown>> =>
    (await db.dataSource.query<Array<Record<string, unknown>>>('SELECT hostname, uuid, os_version, public_ip, refetch_requested, distributed_interval, config_tls_refresh, logger_tls_period, memory, label_updated_at FROM hosts WHERE id = ?', [id]))[0] ?? {};

  it('groups hosts by the columns they set, one statement per group', () => {
    const writes: HostWriteMessage[] = [
      ...ids.slice(0, 700).map((hostId) => ({ hostId, at: 1, intervals })),
      { hostId: ids[700], at: 1, publicIp: '10.0.0.1' },
    ];
    const statements = hostRowStatements(hostRowAssignments(writes));
    // 700 hosts of one column set: two joined statements of at most 500; the lone host: a plain UPDATE.
    expect(statements.map(([sql]) => sql.split(' ')[1])).toEqual(['hosts', 'hosts', 'hosts']);
    expect(statements.filter(([sql]) => sql.includes('UNION ALL')).map(([, p]) => p.length)).toEqual([500 * 4, 200 * 4]);
    expect(statements[2]).toEqual(['UPDATE hosts SET `public_ip` = ? WHERE id = ?', ['10.0.0.1', ids[700]]]);
  });

  it('leaves every row as the writes one by one would, reading only the rows it writes', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    const many = ids.slice(100, 400);
    const at = Date.UTC(2026, 11, 5, 6, 0, 0, 123);
    const writes: HostWriteMessage[] = [
      ...many.map((hostId, i) => ({ hostId, at, intervals: { ...intervals, distributed: 10 + (i % 7) } })),
      { hostId: a, at, vitals: { hostname: 'alpha', uuid: 'U-A', memory: 17179869184 }, refetchCleared: true },
      { hostId: b, at, vitals: { hostname: 'bravo', uuid: 'U-B', memory: 8589934592 }, refetchCleared: true },
      // Two writes of one host: the later value of a column wins, columns of both are kept.
      { hostId: c, at, vitals: { hostname: 'first', os_version: 'Ubuntu 22.04' } },
      { hostId: c, at: at + 1000, vitals: { hostname: 'charlie' }, labelsRan: true, publicIp: '192.0.2.7' },
    ];
    const before = await rowsRead();
    await new MysqlAgentDataRepository(db.dataSource).applyHostWrites(writes);
    expect(await rowsRead() - before).toBeLessThan(HOSTS / 2);

    expect(await row(a)).toMatchObject({ hostname: 'alpha', uuid: 'U-A', memory: 17179869184, refetch_requested: 0, distributed_interval: 0 });
    expect(await row(b)).toMatchObject({ hostname: 'bravo', uuid: 'U-B', memory: 8589934592, refetch_requested: 0 });
    const cRow = await row(c);
    expect(cRow).toMatchObject({ hostname: 'charlie', os_version: 'Ubuntu 22.04', public_ip: '192.0.2.7', refetch_requested: 1 });
    expect(new Date(cRow['label_updated_at'] as string).getTime()).toBe(at + 1000);
    for (const [i, hostId] of many.entries()) {
      expect(await row(hostId)).toMatchObject({ hostname: `old${hostId - ids[0] + 1}`, distributed_interval: 10 + (i % 7), config_tls_refresh: 60, logger_tls_period: 10, refetch_requested: 1 });
    }
    expect(await row(d)).toMatchObject({ hostname: 'old4', distributed_interval: 0, refetch_requested: 1 });
  });
});
