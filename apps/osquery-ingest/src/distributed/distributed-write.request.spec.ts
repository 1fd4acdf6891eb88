import { describeFieldErrors, distributedWriteRequestSchema, parseWith } from '@fleet/contracts';
import { WorkSlicer } from '../slicing/work-slicer';
import { readDistributedWrite } from './distributed-write.request';

const read = (body: unknown, max = 100) => readDistributedWrite(body, max, new WorkSlicer(0));

/** Checked entry by entry, a body gives what the whole-request contract gives: the same value, the same errors. */
describe('readDistributedWrite', () => {
  it('gives the contract\'s value for a valid body, old agents\' forms included', async () => {
    const body = {
      node_key: 'nk',
      queries: { fleet_label_query_1: [{ a: 1, b: null, c: { d: [1] } }], fleet_label_query_2: '', fleet_detail_query_x: [] },
      statuses: { fleet_label_query_1: 0, fleet_label_query_2: '1' },
      messages: { fleet_label_query_2: 'no such table: x', other: 5 },
      stats: { fleet_label_query_1: { wall_time_ms: '3', memory: 10 }, fleet_label_query_2: null },
    };
    expect(await read(body)).toEqual(distributedWriteRequestSchema.parse(body));
    expect(await read({ node_key: 'nk' })).toEqual(distributedWriteRequestSchema.parse({ node_key: 'nk' }));
  });

  it('refuses what the contract refuses, naming the same fields', async () => {
    const bodies: unknown[] = [
      { queries: {}, statuses: { q: 'not-a-number', r: 1.5 } },
      { queries: { q: [{ a: '1' }, 'row'] }, stats: { q: { wall_time_ms: -1 } } },
      { queries: [] },
      { queries: { q: 'x', r: [1] }, statuses: [], messages: null },
      [],
    ];
    for (const body of bodies) {
      const contract = parseWith(distributedWriteRequestSchema, body);
      expect(contract.ok).toBe(false);
      const message = Array.isArray(body) ? 'request body must be a JSON object' : `invalid request: ${describeFieldErrors(contract.ok ? [] : contract.errors)}`;
      await expect(read(body)).rejects.toMatchObject({ code: 'BAD_REQUEST', message });
    }
  });

  it('refuses a write with more entries in any record than the bound, before checking any of them', async () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`fleet_label_query_${i}`, 'not rows']));
    await expect(read({ queries: many(101) })).rejects.toMatchObject({
      code: 'BODY_TOO_LARGE', message: 'distributed/write carries 101 queries entries; at most 100 are accepted (osquery.max_distributed_write_queries)',
    });
    await expect(read({ queries: {}, messages: many(101) })).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(Object.keys((await read({ queries: {}, statuses: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`q${i}`, 0])) })).statuses)).toHaveLength(100);
  });
});
