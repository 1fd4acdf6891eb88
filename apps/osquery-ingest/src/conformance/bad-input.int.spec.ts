import { gzipSync } from 'node:zlib';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

/** One test per kind of bad input: each gets a clear `error`, and the server keeps serving. */
describe('bad agent input', () => {
  let kit: IngestKit;
  let nodeKey: string;
  const LIMIT = 256 * 1024;

  beforeAll(async () => {
    kit = await startIngestKit('bad_input', { osquery_max_log_write_body_size: String(LIMIT), osquery_max_distributed_write_body_size: '8MiB' });
    nodeKey = await kit.enroll('bad-input-host');
  });
  afterEach(async () => {
    const res = await kit.post('/api/osquery/distributed/read', { node_key: nodeKey });
    expect(res.status).toBe(200);
  });
  afterAll(() => kit.close());

  it('malformed JSON', async () => {
    const res = await kit.postRaw('/api/osquery/log', '{"node_key": "x", "log_type": ');
    expect(res.status).toBe(400);
    expect(typeof res.json['error']).toBe('string');
    expect(res.json['node_invalid']).not.toBe(true);
  });

  it('wrong types', async () => {
    const res = await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: {}, statuses: { q: 'not-a-number' } });
    expect(res.status).toBe(400);
    expect(String(res.json['error'])).toMatch(/statuses\.q/);
  });

  it('an empty body', async () => {
    const res = await kit.postRaw('/api/osquery/log', '');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(typeof res.json['error']).toBe('string');
  });

  it('an unknown node key gets node_invalid and nothing else does', async () => {
    const res = await kit.post('/api/osquery/config', { node_key: 'not-a-real-key' });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ node_invalid: true });
    const missing = await kit.post('/api/osquery/config', {});
    expect(missing.json).toMatchObject({ node_invalid: true });
  });

  it('a body over the limit', async () => {
    const big = JSON.stringify({ node_key: nodeKey, log_type: 'status', data: [{ message: 'x'.repeat(LIMIT) }] });
    const res = await kit.postRaw('/api/osquery/log', big);
    expect(res.status).toBe(413);
    expect(String(res.json['error'])).toContain(`larger than ${LIMIT} bytes`);
  });

  it('a small gzip body that inflates past the limit is cut off without inflating it all', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(`{"node_key":"${nodeKey}","log_type":"status","data":[{"message":"`), Buffer.alloc(200 * 1024 * 1024, 0x61), Buffer.from('"}]}')]));
    expect(bomb.length).toBeLessThan(LIMIT);
    const started = process.hrtime.bigint();
    const res = await kit.postRaw('/api/osquery/log', bomb, { 'content-encoding': 'gzip' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(res.status).toBe(413);
    expect(res.json['error']).toBeDefined();
    // Inflating 200 MiB takes far longer than stopping at the limit; the bound is generous for a busy machine.
    expect(ms).toBeLessThan(2000);
  });

  it('a zero-filled gzip bomb is refused as not JSON at its first bytes, even under the carve block limit of 341 MiB', async () => {
    // 400 MiB of NUL bytes: were it inflated up to the route's limit, the answer would be 413 after seconds of work.
    const bomb = gzipSync(Buffer.alloc(400 * 1024 * 1024));
    const res = await kit.postRaw('/api/osquery/carve/block', bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.json['error']).toBe('json decoder error');
  });

  it('a distributed write with thousands of rows is accepted and stored', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ name: `pkg-${i}`, version: `1.${i}`, source: 'deb_packages', arch: 'amd64', vendor: '', release: '' }));
    const res = await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_detail_query_software_linux: rows }, statuses: { fleet_detail_query_software_linux: 0 } });
    expect(res).toEqual({ status: 200, json: {} });
    const [{ id }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'bad-input-host'");
    await kit.waitFor('SELECT COUNT(*) AS n FROM host_software WHERE host_id = ?', [id], (r) => Number(r[0]?.['n']) === 5000, 20_000);
  });

  it('a request for an unknown agent path', async () => {
    const res = await kit.post('/api/osquery/nope', { node_key: nodeKey });
    expect(res.status).toBe(404);
  });
});
