import { DataSource } from 'typeorm';
import { isReplicaSafe, replicaReads } from './replica-reads';

describe('replica reads', () => {
  it('lets only plain reads go to the replica', () => {
    for (const sql of ['SELECT * FROM hosts', '  select 1', '/* list */ SELECT h.* FROM hosts h', 'WITH t AS (SELECT 1) SELECT * FROM t']) {
      expect(isReplicaSafe(sql)).toBe(true);
    }
    for (const sql of ['INSERT INTO hosts SET ?', 'UPDATE hosts SET hostname = ?', 'DELETE FROM hosts', 'SELECT * FROM hosts WHERE id = 1 FOR UPDATE',
      'SELECT id FROM hosts LOCK IN SHARE MODE', 'SELECT 1 FOR SHARE', 'SET FOREIGN_KEY_CHECKS = 0', 'SELECTED', 'CALL p()']) {
      expect(isReplicaSafe(sql)).toBe(false);
    }
  });

  it('is the data source itself when no replica is configured', () => {
    const ds = new DataSource({ type: 'mysql', host: '127.0.0.1' });
    expect(replicaReads(ds)).toBe(ds);
    const replicated = new DataSource({ type: 'mysql', replication: { master: { host: '127.0.0.1' }, slaves: [{ host: '127.0.0.2' }] } });
    const routed = replicaReads(replicated);
    expect(routed).not.toBe(replicated);
    expect(routed.options).toBe(replicated.options);
  });
});
