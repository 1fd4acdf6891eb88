import { eventually, RedisServerProcess } from '@fleet/testing';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

/**
 * Redis that comes back without its data (no persistence, a failover to an empty replica, a flush) loses the
 * stream consumer groups with everything else. Agent data accepted after that must still reach MySQL, the
 * loss must be visible on /healthz?check=redis and /metrics, and none of it may need a restart.
 */
describe('agent data after Redis returns', () => {
  const redis = new RedisServerProcess();
  let kit: IngestKit;
  let nodeKey: string;
  let hostId: number;
  let policyId: number;

  /** Posts a policy result the way an agent does: it resends until it is told the write was accepted. */
  const report = async (passes: boolean): Promise<void> => {
    await eventually('write accepted', async () => kit.post('/api/osquery/distributed/write', {
      node_key: nodeKey, queries: { [`fleet_policy_query_${policyId}`]: passes ? [{ '1': '1' }] : [] }, statuses: { [`fleet_policy_query_${policyId}`]: 0 },
    }), (r) => r.status === 200 && !('error' in r.json), 10_000, 100);
  };
  const stored = (passes: number) => kit.waitFor('SELECT passes FROM policy_membership WHERE host_id = ? AND policy_id = ?', [hostId, policyId], (r) => r[0]?.['passes'] === passes, 10_000);
  const health = async () => (await fetch(`${kit.app.url}/healthz?check=redis`)).status;
  const metric = async (name: string) => {
    const text = await (await fetch(`${kit.app.url}/metrics`)).text();
    return text.split('\n').filter((l) => l.startsWith(name));
  };

  beforeAll(async () => {
    await redis.start();
    kit = await startIngestKit('redis_lost', {}, (c) => ({ ...c, redis: { ...c.redis, address: redis.address, read_timeout: 1000 } }));
    await kit.db.dataSource.query("INSERT INTO policies (name, query, description, resolution, platforms) VALUES ('p', 'SELECT 1', '', '', '')");
    [{ id: policyId }] = await kit.db.dataSource.query("SELECT id FROM policies WHERE name = 'p'");
    nodeKey = await kit.enroll('redis-lost-host');
    [{ id: hostId }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'redis-lost-host'");
  });
  afterAll(async () => {
    await kit.close();
    await redis.stop();
  });

  it('writes what agents send after Redis restarted empty, within 10 s and without a restart, and says what happened', async () => {
    await report(true);
    await stored(1);
    expect(await health()).toBe(200);

    await redis.restart();
    const back = Date.now();
    await report(false);
    await stored(0);
    expect(Date.now() - back).toBeLessThan(10_000);
    await eventually('healthz?check=redis green again', health, (s) => s === 200, 10_000, 100);
    expect(await metric('fleet_stream_group_recreated_total{stream="fleet:stream:host_writes"')).toEqual([expect.stringMatching(/ [1-9]\d*$/)]);
    expect(await metric('fleet_stream_group_missing{stream="fleet:stream:host_writes"')).toEqual([expect.stringMatching(/ 0$/)]);
    expect(kit.app.logs.some((l) => String(l['msg']).includes('Redis lost its data'))).toBe(true);
  });

  it('keeps writing when Redis returns with its data', async () => {
    await redis.restart({ keepData: true });
    await report(true);
    await stored(1);
    expect(await health()).toBe(200);
  });
});
