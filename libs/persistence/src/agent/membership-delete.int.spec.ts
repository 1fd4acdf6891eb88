import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { MysqlAgentDataRepository } from './agent-data.repository';

const HOSTS = 2_000;
const LABELS = 8;

/**
 * A label that stopped matching one host deletes one membership row by its key. Written as the row-constructor
 * list `(label_id, host_id) IN ((7, 2))`, MariaDB read the whole table for it (16,000 rows here, 80,000 at 10,000
 * hosts, for every such write); counted with MariaDB's table statistics (userstat).
 */
describe('membership deletes use the key (MariaDB)', () => {
  let db: TestDatabase;
  let userstatWas = 0;
  beforeAll(async () => {
    db = await createTestDatabase('membership_delete');
    userstatWas = Number((await db.dataSource.query<Array<{ v: number }>>('SELECT @@GLOBAL.userstat AS v'))[0]?.v ?? 0);
    await db.dataSource.query('SET GLOBAL userstat = 1');
  }, 120_000);
  afterAll(async () => {
    await db.dataSource.query(`SET GLOBAL userstat = ${userstatWas ? 1 : 0}`);
    await db.drop();
  });

  const rowsRead = async (table: string): Promise<number> => Number((await db.dataSource.query<Array<{ n: number }>>(
    'SELECT COALESCE(SUM(ROWS_READ), 0) AS n FROM information_schema.TABLE_STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [table]))[0]?.n ?? 0);

  it('reads a few rows to delete one host\'s membership of one label, and of several', async () => {
    await db.dataSource.query("INSERT INTO hosts (osquery_host_id, node_key, hostname) SELECT CONCAT('md-', seq), CONCAT('nk-md-', seq), CONCAT('md', seq) FROM seq_1_to_2000");
    await db.dataSource.query("INSERT INTO labels (name, description, query, label_membership_type) SELECT CONCAT('md-l', seq), '', 'SELECT 1', 0 FROM seq_1_to_8");
    await db.dataSource.query("INSERT INTO label_membership (label_id, host_id) SELECT l.id, h.id FROM labels l JOIN hosts h WHERE l.name LIKE 'md-l%'");
    await db.dataSource.query('ANALYZE TABLE label_membership');
    const [labelA, labelB] = (await db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name LIKE 'md-l%' ORDER BY id LIMIT 2")).map((r) => Number(r.id));
    const [hostA, hostB] = (await db.dataSource.query<Array<{ id: number }>>('SELECT id FROM hosts ORDER BY id LIMIT 2')).map((r) => Number(r.id));
    const repo = new MysqlAgentDataRepository(db.dataSource);
    const members = async (): Promise<number> => Number((await db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM label_membership'))[0]?.n);
    expect(await members()).toBe(HOSTS * LABELS);

    const before = await rowsRead('label_membership');
    await repo.applyHostWrites([{ hostId: hostA, at: Date.now(), labelsRan: true, labels: { [labelA]: false } }]);
    const one = (await rowsRead('label_membership')) - before;
    expect(await members()).toBe(HOSTS * LABELS - 1);
    expect(one).toBeLessThan(50);

    const before2 = await rowsRead('label_membership');
    await repo.applyHostWrites([
      { hostId: hostA, at: Date.now(), labelsRan: true, labels: { [labelB]: false } },
      { hostId: hostB, at: Date.now(), labelsRan: true, labels: { [labelA]: false, [labelB]: false } },
    ]);
    expect((await rowsRead('label_membership')) - before2).toBeLessThan(50);
    expect(await members()).toBe(HOSTS * LABELS - 4);
  }, 120_000);
});
