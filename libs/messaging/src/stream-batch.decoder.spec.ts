import { z } from 'zod';
import { AGENT_STREAMS, streamContract } from '@fleet/contracts';
import { decodeStreamBatch } from './stream-batch.decoder';

const contract = streamContract('s', 'g', z.object({ n: z.number() }));

describe('decodeStreamBatch', () => {
  it('keeps valid entries in stream order with their time and trace context, and names why the others are rejected', () => {
    const { accepted, rejected } = decodeStreamBatch(contract, [
      { id: '1-0', message: { v: 1, at: 10, data: { n: 1 } } },
      { id: '2-0', message: undefined },
      { id: '3-0', message: { v: 2, at: 10, data: { n: 3 } } },
      { id: '4-0', message: { v: 1, at: 10, data: { n: 'four' } } },
      { id: '5-0', message: { v: 1, at: 11, tp: '00-abc', data: { n: 5 } } },
    ]);
    expect(accepted).toEqual([{ id: '1-0', data: { n: 1 }, at: 10, tp: undefined }, { id: '5-0', data: { n: 5 }, at: 11, tp: '00-abc' }]);
    expect(rejected.map((r) => [r.id, r.problem.split(':')[0]])).toEqual([['2-0', 'malformed envelope'], ['3-0', 'malformed envelope'], ['4-0', 'invalid payload']]);
    expect(rejected[2]?.problem).toContain('n:');
  });

  it('validates the agent streams\' payloads with their contracts', () => {
    const hostWrite = { hostId: 3, at: 1, vitals: { hostname: 'h', memory: 1 }, labels: { 1: true, 2: null }, software: [{ name: 'curl', version: '1', source: 'deb_packages' }] };
    expect(decodeStreamBatch(AGENT_STREAMS.hostWrites, [{ id: '1-0', message: { v: 1, at: 1, data: hostWrite } }]).accepted[0]?.data).toEqual(hostWrite);
    expect(decodeStreamBatch(AGENT_STREAMS.hostWrites, [{ id: '1-0', message: { v: 1, at: 1, data: { hostId: 0, at: 1 } } }]).rejected).toHaveLength(1);
    const reports = [{ queryId: 1, hostId: 3, at: 1, rows: [{ a: 'b' }] }];
    expect(decodeStreamBatch(AGENT_STREAMS.queryReports, [{ id: '1-0', message: { v: 1, at: 1, data: reports } }]).accepted[0]?.data).toEqual(reports);
  });
});
