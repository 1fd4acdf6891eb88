import { randomBytes } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3TestServer, S3_TEST_CREDENTIALS } from '@fleet/testing';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

describe('file carving (protocol §7)', () => {
  let kit: IngestKit;
  let nodeKey: string;

  beforeAll(async () => {
    kit = await startIngestKit('carve');
    nodeKey = await kit.enroll('carve-host');
  });
  afterAll(() => kit.close());

  it('stores blocks in order and accepts a repeat of the last block', async () => {
    const begin = await kit.post('/api/v1/osquery/carve/begin', { node_key: nodeKey, block_count: 2, block_size: 4, carve_size: 6, carve_id: 'c-1', request_id: 'r-1' });
    expect(begin.status).toBe(200);
    const sessionId = begin.json['session_id'] as string;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const block = (id: number, text: string) => kit.post('/api/v1/osquery/carve/block', { block_id: id, session_id: sessionId, request_id: 'r-1', data: Buffer.from(text).toString('base64') });
    expect((await block(0, 'abcd')).json).toEqual({ success: true });
    expect((await block(0, 'abcd')).json).toEqual({ success: true });
    expect((await block(1, 'ef')).json).toEqual({ success: true });
    const rows = await kit.db.dataSource.query('SELECT b.block_id, b.data FROM carve_blocks b JOIN carve_metadata m ON m.id = b.metadata_id WHERE m.session_id = ? ORDER BY b.block_id', [sessionId]);
    expect((rows as Array<{ data: Buffer }>).map((r) => r.data.toString())).toEqual(['abcd', 'ef']);
  });

  it('answers every one of 20 identical blocks sent at once with success and stores the block once', async () => {
    const begin = await kit.post('/api/osquery/carve/begin', { node_key: nodeKey, block_count: 2, block_size: 4, carve_size: 8, carve_id: 'c-race', request_id: 'r-race' });
    const sessionId = begin.json['session_id'] as string;
    const block = { block_id: 0, session_id: sessionId, request_id: 'r-race', data: Buffer.from('abcd').toString('base64') };
    const answers = await Promise.all(Array.from({ length: 20 }, () => kit.post('/api/osquery/carve/block', block)));
    expect(answers.filter((a) => a.status !== 200 || a.json['success'] !== true)).toEqual([]);
    const rows = await kit.db.dataSource.query<Array<{ block_id: number; data: Buffer; max_block: number }>>(
      'SELECT b.block_id, b.data, m.max_block FROM carve_blocks b JOIN carve_metadata m ON m.id = b.metadata_id WHERE m.session_id = ?', [sessionId],
    );
    expect(rows.map((r) => [r.block_id, r.data.toString(), r.max_block])).toEqual([[0, 'abcd', 0]]);
    expect((await kit.post('/api/osquery/carve/block', { ...block, block_id: 1, data: Buffer.from('efgh').toString('base64') })).json).toEqual({ success: true });
  });

  it('refuses inconsistent sizes, unknown sessions, out-of-order and oversized blocks', async () => {
    const bad = await kit.post('/api/osquery/carve/begin', { node_key: nodeKey, block_count: 1, block_size: 4, carve_size: 9, carve_id: 'c-2', request_id: 'r-2' });
    expect(bad.json['error']).toContain('carve_size does not match block_size and block_count');
    const unknown = await kit.post('/api/osquery/carve/block', { block_id: 0, session_id: 'nope', request_id: 'r', data: '' });
    expect(unknown.json['error']).toContain('session not found');
    const begin = await kit.post('/api/osquery/carve/begin', { node_key: nodeKey, block_count: 3, block_size: 2, carve_size: 5, carve_id: 'c-3', request_id: 'r-3' });
    const sid = begin.json['session_id'] as string;
    const skip = await kit.post('/api/osquery/carve/block', { block_id: 1, session_id: sid, request_id: 'r-3', data: 'YQ==' });
    expect(skip.json['error']).toContain('block_id does not match expected block (0)');
    const big = await kit.post('/api/osquery/carve/block', { block_id: 0, session_id: sid, request_id: 'r-3', data: Buffer.from('toolong').toString('base64') });
    expect(big.json['error']).toContain('exceeded declared block size');
  });
});

describe('file carving into S3-compatible storage (s3.carves_*, a real s3rver)', () => {
  let s3: S3TestServer;
  let kit: IngestKit;
  let nodeKey: string;

  beforeAll(async () => {
    s3 = await S3TestServer.start(['fleet-carves']);
    kit = await startIngestKit('carve_s3', s3.carveFlags('fleet-carves', 'carves/'));
    nodeKey = await kit.enroll('carve-s3-host');
  });
  afterAll(async () => {
    await kit.close();
    await s3.close();
  });

  it("assembles an agent's blocks, retries included, into one object under the prefix, with nothing left in MySQL", async () => {
    const size = 6 * 1024 * 1024 + 123;
    const blockSize = 2 * 1024 * 1024;
    const data = randomBytes(size);
    const count = Math.ceil(size / blockSize);
    const begin = await kit.post('/api/osquery/carve/begin', { node_key: nodeKey, block_count: count, block_size: blockSize, carve_size: size, carve_id: 'c-s3', request_id: 'fleet_distributed_query_7' });
    const sessionId = begin.json['session_id'] as string;
    const block = (id: number) => kit.post('/api/osquery/carve/block', { block_id: id, session_id: sessionId, request_id: 'fleet_distributed_query_7', data: data.subarray(id * blockSize, (id + 1) * blockSize).toString('base64') });
    for (let id = 0; id < count; id += 1) {
      expect((await block(id)).json).toEqual({ success: true });
      expect((await block(id)).json).toEqual({ success: true });
    }
    const [meta] = await kit.db.dataSource.query<Array<{ name: string; object_key: string; max_block: number; upload_completed: number; held: string }>>(
      'SELECT m.name, m.object_key, m.max_block, m.upload_completed, (SELECT SUM(LENGTH(data)) FROM carve_blocks b WHERE b.metadata_id = m.id) AS held FROM carve_metadata m WHERE m.session_id = ?', [sessionId]);
    expect(meta).toMatchObject({ object_key: `carves/${meta.name}`, max_block: count - 1, upload_completed: 1 });
    expect(Number(meta.held)).toBe(0);
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3_TEST_CREDENTIALS });
    const object = await client.send(new GetObjectCommand({ Bucket: 'fleet-carves', Key: meta.object_key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(data)).toBe(true);
    client.destroy();
  });
});
