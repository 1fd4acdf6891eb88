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
