import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, TcpProxy } from '@fleet/testing';
import { GLOBAL_SECRET, startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

/**
 * With MySQL or Redis unreachable no agent may be told `node_invalid` (that would start a re-enroll storm
 * across the fleet); after recovery the same node keys work again without restarting anything.
 */
describe('agent API while MySQL or Redis is down', () => {
  const mysql = new TcpProxy('127.0.0.1', 3306);
  const redis = new TcpProxy('127.0.0.1', 6379);
  let kit: IngestKit;
  let cachedKey: string;
  /** Waits until the app reaches the dependency again, instead of sleeping for its reconnect back-off. */
  const reachable = (check: 'mysql' | 'redis') =>
    eventually(`${check} reachable again`, async () => (await fetch(`${kit.app.url}/healthz?check=${check}`)).status, (s) => s === 200, 10_000, 50);

  const everyEndpoint = async (nodeKey: string): Promise<Array<Record<string, unknown>>> => [
    (await kit.post('/api/osquery/config', { node_key: nodeKey })).json,
    (await kit.post('/api/osquery/distributed/read', { node_key: nodeKey })).json,
    (await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_label_query_1: [{ '1': '1' }] }, statuses: { fleet_label_query_1: 0 } })).json,
    (await kit.post('/api/osquery/log', { node_key: nodeKey, log_type: 'status', data: [{ message: 'hi' }] })).json,
    (await kit.post('/api/osquery/enroll', { enroll_secret: GLOBAL_SECRET, host_identifier: `during-outage-${Date.now()}` })).json,
  ];

  beforeAll(async () => {
    await mysql.open();
    await redis.open();
    kit = await startIngestKit('outage', { filesystem_status_log_file: join(mkdtempSync(join(tmpdir(), 'fleet-outage-')), 'status.log') }, (c) => ({
      ...c,
      mysql: { ...c.mysql, address: mysql.address },
      redis: { ...c.redis, address: redis.address, read_timeout: 1000 },
    }));
    cachedKey = await kit.enroll('outage-host');
  });
  afterAll(async () => {
    await mysql.open().catch(() => undefined);
    await redis.open().catch(() => undefined);
    await kit.close();
    await mysql.cut();
    await redis.cut();
  });

  it('never answers node_invalid while Redis is down, and recovers', async () => {
    await redis.cut();
    const answers = await everyEndpoint(cachedKey);
    expect(answers.some((a) => a['node_invalid'] === true)).toBe(false);
    expect(answers[2]).toHaveProperty('error');
    await redis.open();
    await reachable('redis');
    const after = await everyEndpoint(cachedKey);
    expect(after.filter((a) => 'error' in a)).toEqual([]);
  });

  it('never answers node_invalid while MySQL is down, and recovers', async () => {
    await mysql.cut();
    const answers = await everyEndpoint(cachedKey);
    expect(answers.some((a) => a['node_invalid'] === true)).toBe(false);
    expect(answers[4]).toHaveProperty('error');
    const uncached = await kit.post('/api/osquery/config', { node_key: 'a-key-nobody-has-cached' });
    expect(uncached.json['node_invalid']).not.toBe(true);
    expect(uncached.json).toHaveProperty('error');
    await mysql.open();
    await reachable('mysql');
    const after = await everyEndpoint(cachedKey);
    expect(after.filter((a) => 'error' in a)).toEqual([]);
  });
});
