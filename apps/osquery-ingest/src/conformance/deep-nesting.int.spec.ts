import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveQueryKeys } from '@fleet/messaging';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

const DEPTH = 10_000;
/** `{"a":{"a":…{"a":"leaf"}…}}`, `depth` objects deep, as JSON text (JSON.stringify itself overflows the stack on it). */
const nestedText = (depth: number): string => `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;

/**
 * A value nested 10,000 levels deep anywhere in an agent body must not make the request fail with a 500
 * (osquery resends the same batch forever, so that host's data would be stuck for good): the line or value
 * is accepted and delivered as it came, and the rest of the batch with it. A batch nested deeper than the
 * body parser takes (20,000 levels) is answered without `error`, so osquery drops it instead of resending it.
 */
describe('agent bodies with deeply nested values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-deep-'));
  const resultFile = join(dir, 'result.log');
  const statusFile = join(dir, 'status.log');
  const lines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);
  let kit: IngestKit;
  let nodeKey: string;
  let hostId: number;

  beforeAll(async () => {
    kit = await startIngestKit('deep_nesting', { filesystem_result_log_file: resultFile, filesystem_status_log_file: statusFile });
    await kit.db.dataSource.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('deep', '', 'SELECT 1', 60, 'snapshot', 1)");
    nodeKey = await kit.enroll('deep-host');
    [{ id: hostId }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'deep-host'");
  });
  afterAll(() => kit.close());

  it('/log status: the deep line is written as it came, with the rest of the batch', async () => {
    const body = `{"node_key":"${nodeKey}","log_type":"status","data":[{"message":"before"},${nestedText(DEPTH)},{"message":"after"}]}`;
    const res = await kit.postRaw('/api/osquery/log', body);
    expect(res).toEqual({ status: 200, json: {} });
    expect(lines(statusFile)).toEqual(['{"message":"before"}', nestedText(DEPTH), '{"message":"after"}']);
  });

  it('/log result: a deep line of an unknown query and a deep column value of a known one are delivered, and the report is written', async () => {
    const unknown = `{"name":"pack/Global/not-ours","unixTime":1,"columns":${nestedText(DEPTH)},"action":"added"}`;
    const known = `{"name":"pack/Global/deep","unixTime":2,"action":"snapshot","snapshot":[{"v":${nestedText(DEPTH)}}]}`;
    const res = await kit.postRaw('/api/osquery/log', `{"node_key":"${nodeKey}","log_type":"result","data":[${unknown},${known}]}`);
    expect(res).toEqual({ status: 200, json: {} });
    const written = lines(resultFile);
    expect(written).toHaveLength(2);
    expect(written[0]).toBe(unknown);
    expect(written[1]).toBe(`${known.slice(0, -1)},"query_id":${String((await kit.db.dataSource.query("SELECT id FROM queries WHERE name = 'deep'"))[0].id)}}`);
    const rows = await kit.waitFor('SELECT data FROM query_results WHERE host_id = ?', [hostId], (r) => r.length === 1);
    const data = (typeof rows[0]['data'] === 'string' ? JSON.parse(rows[0]['data']) : rows[0]['data']) as Record<string, string>;
    expect(data['v']).toBe(nestedText(DEPTH));
  });

  it('distributed/write: a deep `messages` value and a deep column value are taken as their JSON text', async () => {
    const redis = kit.app.redis;
    await redis.sadd(liveQueryKeys.active, '77');
    await redis.set(liveQueryKeys.sql(77), 'SELECT 1;');
    await redis.setbit(liveQueryKeys.targets(77), hostId, 1);
    const body = `{"node_key":"${nodeKey}","queries":{"fleet_distributed_query_77":[{"v":${nestedText(DEPTH)}}]},"statuses":{"fleet_distributed_query_77":1},"messages":{"fleet_distributed_query_77":${nestedText(DEPTH)}}}`;
    const res = await kit.postRaw('/api/osquery/distributed/write', body);
    expect(res).toEqual({ status: 200, json: {} });
    const [[, fields]] = await redis.xrange(liveQueryKeys.results(77), '-', '+');
    expect(JSON.parse(fields[1])).toMatchObject({ host_id: hostId, error: nestedText(DEPTH), rows: [{ v: nestedText(DEPTH) }] });
  });

  it.each([
    ['/api/osquery/log', (key: string) => `{"node_key":"${key}","log_type":"status","data":[${nestedText(30_000)}]}`],
    ['/api/v1/osquery/distributed/write', (key: string) => `{"node_key":"${key}","queries":{},"messages":{"q":${nestedText(30_000)}}}`],
  ])('%s: a batch nested deeper than the parser takes is answered without `error`, so the agent drops it', async (path, body) => {
    const res = await kit.postRaw(path, body(nodeKey));
    expect(res.status).toBe(400);
    expect(res.json).not.toHaveProperty('error');
    expect(res.json).toEqual({ message: 'request body is nested deeper than 20000 levels', errors: [{ name: 'base', reason: 'request body is nested deeper than 20000 levels' }] });
    expect(kit.app.logs.some((l) => l['msg'] === 'agent batch refused for its nesting; the agent drops it' && String(l['url']).endsWith(path))).toBe(true);
    expect((await kit.post('/api/osquery/distributed/read', { node_key: nodeKey })).status).toBe(200);
  });

  it('a config request nested that deep gets an `error` (an answer without one would be taken for a config)', async () => {
    const res = await kit.postRaw('/api/osquery/config', `{"node_key":"${nodeKey}","x":${nestedText(30_000)}}`);
    expect(res.status).toBe(400);
    expect(res.json['error']).toBe('request body is nested deeper than 20000 levels');
  });
});
