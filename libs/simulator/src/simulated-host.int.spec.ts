import { FakeOsqueryServer, waitFor } from './fake-osquery-server.spec-helper';
import type { SimulatedHostOptions } from './host-options';
import { SEQUENCE_DECORATION, SimulatedHost } from './simulated-host';
import { SimulatorStats } from './simulator-stats';

const SECRET = 'sekrit';
const FAST = { distributedMs: 50, loggerMs: 50, configRefreshMs: 200, retryBaseMs: 10, scheduleSecondMs: 20, accelerateMs: 30 };

describe('SimulatedHost against an in-process osquery server', () => {
  let server: FakeOsqueryServer;
  let url: string;
  let host: SimulatedHost | undefined;

  const makeHost = (extra: Partial<SimulatedHostOptions> = {}): SimulatedHost => {
    host = new SimulatedHost({ index: 3, platform: 'macos', enrollSecret: SECRET, serverUrl: url, intervals: FAST, jitter: 0, ...extra });
    host.start();
    return host;
  };

  beforeEach(async () => {
    server = new FakeOsqueryServer(SECRET);
    url = await server.start();
  });

  afterEach(async () => {
    await host?.stop();
    host = undefined;
    await server.stop();
  });

  it('enrolls like osquery, then fetches config with the node key', async () => {
    const h = makeHost();
    await waitFor(() => server.to('config').length > 0, 5000, 'config fetch');
    const enroll = server.to('enroll')[0];
    expect(enroll.path).toBe('/api/v1/osquery/enroll');
    expect(enroll.body['enroll_secret']).toBe(SECRET);
    expect(enroll.body['host_identifier']).toBe(h.profile.instanceId);
    expect(enroll.body['platform_type']).toBe('21');
    const details = enroll.body['host_details'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(details)).toEqual(['os_version', 'osquery_info', 'platform_info', 'system_info']);
    for (const table of Object.values(details)) for (const v of Object.values(table)) expect(typeof v).toBe('string');
    expect(details['system_info']['hostname']).toBe(h.profile.hostname);
    expect(enroll.headers['authorization']).toBeUndefined();
    expect(server.to('config')[0].body).toEqual({ node_key: 'key-1' });
    expect(h.currentNodeKey).toBe('key-1');
  });

  it('does not get a key with a wrong secret and keeps retrying', async () => {
    host = new SimulatedHost({ index: 1, platform: 'ubuntu', enrollSecret: 'wrong', serverUrl: url, intervals: FAST, jitter: 0 });
    host.start();
    await waitFor(() => server.to('enroll').length >= 2, 5000, 'enroll retry');
    expect(host.currentNodeKey).toBe('');
    expect(server.to('config')).toHaveLength(0);
  });

  it('re-enrolls after node_invalid and retries with the new key', async () => {
    const stats = new SimulatorStats();
    const h = makeHost({ stats });
    await waitFor(() => server.to('distributed/read').length > 0, 5000, 'first read');
    server.invalidateKeys();
    await waitFor(() => h.enrollments >= 2, 5000, 're-enrollment');
    await waitFor(() => server.requests.some((r) => r.path.endsWith('/distributed/read') && r.body['node_key'] === 'key-2'), 5000, 'read with new key');
    expect(stats.reenrollments).toBeGreaterThanOrEqual(1);
    expect(stats.snapshot({ total: 1, enrolled: 1, linesBuffered: 0 }).totals.nodeInvalid).toBeGreaterThanOrEqual(1);
  });

  it('keeps and retries a log batch answered with an error body: every sequence number arrives exactly once', async () => {
    server.config = { options: {}, decorators: { load: ['SELECT uuid AS host_uuid FROM system_info;'] }, schedule: { hn: { query: 'SELECT hostname FROM system_info', interval: 1, snapshot: true } } };
    server.queueReply('log', { error: 'result sink down' });
    server.queueReply('log', 'gateway exploded <html>');
    const h = makeHost();
    const delivered = (): number[] => server.to('log')
      .filter((r) => typeof r.reply === 'object' && !('error' in r.reply) && r.body['log_type'] === 'result')
      .flatMap((r) => (r.body['data'] as Array<{ decorations: Record<string, string> }>).map((l) => Number(l.decorations[SEQUENCE_DECORATION])));
    await waitFor(() => delivered().length >= 8, 8000, 'eight delivered result lines');
    await h.stop();
    const seqs = delivered();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    // Acknowledged = answered without error: exactly the lines delivered, the rejected batches not counted twice.
    expect(h.acknowledgedSequence).toBe(seqs.length);
    const rejected = server.to('log').filter((r) => typeof r.reply === 'string' || 'error' in r.reply);
    expect(rejected.length).toBe(2);
    for (const r of rejected.filter((x) => x.body['log_type'] === 'result')) {
      for (const l of r.body['data'] as Array<{ decorations: Record<string, string> }>) expect(seqs).toContain(Number(l.decorations[SEQUENCE_DECORATION]));
    }
    const line = server.to('log').find((r) => r.body['log_type'] === 'result')!.body['data'] as Array<Record<string, unknown>>;
    expect(line[0]).toMatchObject({ name: 'hn', hostIdentifier: h.hostIdentifier, action: 'snapshot', epoch: 0, counter: 0, numerics: false, snapshot: [{ hostname: h.profile.hostname }] });
    expect((line[0]['decorations'] as Record<string, string>)['host_uuid']).toBe(h.profile.hardwareUuid);
    expect(line[0]['calendarTime']).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} UTC$/);
    expect(typeof line[0]['unixTime']).toBe('number');
  });

  it('sends gzip log bodies with Content-Encoding: gzip and the NodeKey header when enabled', async () => {
    makeHost({ gzipLogs: true, nodeKeyHeader: true });
    await waitFor(() => server.to('log').length > 0, 5000, 'status log');
    const log = server.to('log')[0];
    expect(log.headers['content-encoding']).toBe('gzip');
    expect(log.body['log_type']).toBe('status');
    expect(log.headers['authorization']).toBe('NodeKey key-1');
    expect(server.to('config')[0].headers['authorization']).toBe('NodeKey key-1');
    expect(server.to('config')[0].headers['content-encoding']).toBeUndefined();
    expect(server.to('enroll')[0].headers['authorization']).toBeUndefined();
  });

  it('answers distributed queries and writes rows, statuses, messages and stats', async () => {
    server.reads.push({
      queries: {
        fleet_detail_query_os_version: 'SELECT * FROM os_version LIMIT 1',
        fleet_label_query_1: "SELECT 1 FROM os_version WHERE platform = 'darwin';",
        fleet_policy_query_2: "SELECT 1 FROM apps WHERE name = 'no-such.app'",
        fleet_distributed_query_7: 'SELECT * FROM processes2',
        fleet_detail_query_mdm: 'SELECT enrolled FROM mdm',
      },
      discovery: { fleet_detail_query_mdm: "SELECT 1 FROM osquery_registry WHERE active = true AND registry = 'table' AND name = 'mdm'" },
    });
    const h = makeHost();
    await waitFor(() => server.to('distributed/write').length > 0, 5000, 'distributed write');
    const w = server.to('distributed/write')[0].body as { queries: Record<string, Array<Record<string, unknown>>>; statuses: Record<string, number>; messages: Record<string, string>; stats: Record<string, unknown> };
    expect(w.statuses).toEqual({ fleet_detail_query_os_version: 0, fleet_label_query_1: 0, fleet_policy_query_2: 0, fleet_distributed_query_7: 1 });
    expect(w.messages['fleet_distributed_query_7']).toBe('no such table: processes2');
    expect(w.queries['fleet_label_query_1']).toEqual([{ '1': '1' }]);
    expect(w.queries['fleet_policy_query_2']).toEqual([]);
    expect(w.queries['fleet_detail_query_os_version'][0]).toMatchObject({ platform: 'darwin', name: 'macOS' });
    for (const v of Object.values(w.queries['fleet_detail_query_os_version'][0])) expect(typeof v).toBe('string');
    expect(Object.keys(w.stats).sort()).toEqual(Object.keys(w.statuses).sort());
    expect(h.membershipAnswers.get('fleet_label_query_1')?.matched).toBe(true);
    expect(h.membershipAnswers.get('fleet_policy_query_2')?.matched).toBe(false);
  });

  it('keeps distributed results after failed writes and re-sends them with the next batch', async () => {
    for (let i = 0; i < 3; i++) server.queueReply('distributed/write', { error: 'db down' });
    server.reads.push({ queries: { fleet_distributed_query_5: 'SELECT 1' }, discovery: {} });
    const stats = new SimulatorStats();
    makeHost({ stats });
    await waitFor(() => server.to('distributed/write').length >= 4, 5000, 'write retried');
    const last = server.to('distributed/write')[3];
    expect((last.body['queries'] as Record<string, unknown>)['fleet_distributed_query_5']).toEqual([{ '1': '1' }]);
    await waitFor(() => stats.liveAnswerTimes('fleet_distributed_query_5').length === 1, 2000, 'live answer recorded');
  });

  it('polls faster while accelerate is active', async () => {
    server.reads.push({ queries: {}, discovery: {}, accelerate: 60 });
    makeHost({ intervals: { ...FAST, distributedMs: 60_000 } });
    await waitFor(() => server.to('distributed/read').length >= 4, 3000, 'accelerated reads');
  });

  it('uploads a carve as begin plus sequential blocks after answering the carves query', async () => {
    server.reads.push({ queries: { fleet_distributed_query_9: "SELECT * FROM carves WHERE carve = 1 AND path = '/etc/hosts'" }, discovery: {} });
    makeHost({ carve: { blockSize: 4096, fileBytes: 10_000, startDelayMs: 20 }, nodeKeyHeader: true });
    const blockCount = (): number => Number(server.to('carve/begin')[0]?.body['block_count'] ?? -1);
    await waitFor(() => server.to('carve/block').length === blockCount(), 5000, 'all carve blocks');
    const w = server.to('distributed/write')[0].body as { queries: Record<string, Array<Record<string, string>>> };
    const row = w.queries['fleet_distributed_query_9'][0];
    expect(row).toMatchObject({ path: '/etc/hosts', status: 'SCHEDULED', carve: '1' });
    const begin = server.to('carve/begin')[0].body;
    expect(Object.keys(begin)).toEqual(['block_count', 'block_size', 'carve_size', 'carve_id', 'request_id', 'node_key']);
    expect(begin['carve_id']).toBe(row['carve_guid']);
    const blocks = server.to('carve/block');
    expect(blocks.map((b) => b.body['block_id'])).toEqual([0, 1, 2]);
    expect(Object.keys(blocks[0].body)).toEqual(['block_id', 'session_id', 'request_id', 'data']);
    expect(blocks[0].headers['authorization']).toBe('NodeKey key-1');
    const total = blocks.reduce((n, b) => n + Buffer.from(String(b.body['data']), 'base64').length, 0);
    expect(total).toBe(begin['carve_size']);
    expect(begin['block_count']).toBe(Math.ceil(total / 4096));
  });

  it('emits differential results once with counter 0, then nothing while unchanged', async () => {
    server.config = { options: { pack_delimiter: '/' }, packs: { Global: { queries: { users: { query: 'SELECT username FROM users', interval: 1, platform: 'darwin', removed: true } } } } };
    makeHost({ loggerEventType: false });
    await waitFor(() => server.to('log').some((r) => r.body['log_type'] === 'result'), 5000, 'result log');
    await new Promise((r) => setTimeout(r, 200));
    const lines = server.to('log').filter((r) => r.body['log_type'] === 'result').flatMap((r) => r.body['data'] as Array<Record<string, unknown>>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ name: 'pack/Global/users', counter: 0, diffResults: { removed: [], added: [{ username: 'root' }, { username: expect.any(String) }] } });
  });
});
