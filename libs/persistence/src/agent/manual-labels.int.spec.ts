import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { MysqlAgentDataRepository } from './agent-data.repository';

/** Agents' label answers change dynamic labels only: a manual label's members are set by hand (POST/DELETE /hosts/:id/labels). */
describe('agent label results never change manual labels (MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase('manual_labels'); });
  afterAll(async () => { await db.drop(); });

  const insert = async (sql: string, params: unknown[]): Promise<number> => (await db.dataSource.query<{ insertId: number }>(sql, params)).insertId;
  const members = async (hostId: number): Promise<number[]> =>
    (await db.dataSource.query<Array<{ label_id: number }>>('SELECT label_id FROM label_membership WHERE host_id = ? ORDER BY label_id', [hostId])).map((r) => Number(r.label_id));

  it('writes the dynamic labels of a batch and leaves the manual ones as they were', async () => {
    const host = await insert("INSERT INTO hosts (osquery_host_id, node_key, hostname) VALUES ('m-1', 'nk-m-1', 'm1')", []);
    const label = (name: string, manual: boolean) => insert('INSERT INTO labels (name, description, query, label_membership_type) VALUES (?, \'\', ?, ?)',
      [name, manual ? '' : 'SELECT 1', manual ? 1 : 0]);
    const [kept, notAdded, dynamic] = [await label('kept', true), await label('not-added', true), await label('dynamic', false)];
    await db.dataSource.query('INSERT INTO label_membership (label_id, host_id) VALUES (?, ?)', [kept, host]);
    const repo = new MysqlAgentDataRepository(db.dataSource);
    await repo.applyHostWrites([{ hostId: host, at: Date.now(), labelsRan: true, labels: { [kept]: false, [notAdded]: true, [dynamic]: true } }]);
    expect(await members(host)).toEqual([kept, dynamic]);
    await repo.applyHostWrites([{ hostId: host, at: Date.now(), labelsRan: true, labels: { [dynamic]: false } }]);
    expect(await members(host)).toEqual([kept]);
  });
});
