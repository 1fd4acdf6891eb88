import fc from 'fast-check';
import { distributedWriteEntryReaders, readDistributedRows } from './distributed-write.readers';
import { distributedWriteEntrySchemas } from './distributed.schema';
import type { DistributedWriteRecord } from './distributed.schema';

/** Values as JSON.parse gives them, weighted towards what agents send (rows of string cells). */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const row = fc.dictionary(fc.string({ maxLength: 8 }), cell, { maxKeys: 6 });
const rows = fc.array(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 6 });
const statValue = fc.oneof(fc.double(), fc.nat(), fc.constantFrom('12', '0.5', ' 3 ', '-1', 'x', null));
const stats = fc.record({ wall_time_ms: statValue, user_time: statValue, system_time: statValue, memory: statValue, other: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] });
const anyEntry = fc.oneof(rows, stats, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', '0', '12', ' 7 ', '-3', '1.5', 'x', 2 ** 53, -0, 1.5));

const schemaAnswer = (record: DistributedWriteRecord, value: unknown) => {
  const r = distributedWriteEntrySchemas[record].safeParse(value);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues.map((i) => ({ path: i.path, message: i.message })) };
};
const readerAnswer = (record: DistributedWriteRecord, value: unknown) => {
  const r = distributedWriteEntryReaders[record](value);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues.map((i) => ({ path: i.path, message: i.message })) };
};

describe('distributedWriteEntryReaders', () => {
  it.each(['queries', 'statuses', 'messages', 'stats'] as const)('answer %s entries exactly as the entry schema does', (record) => {
    fc.assert(fc.property(anyEntry, (value) => {
      expect(readerAnswer(record, value)).toEqual(schemaAnswer(record, value));
    }), { numRuns: 3000 });
  });

  it('keep rows of string values as they came (no copy) and copy only the rows they coerce', () => {
    const plain = [{ name: 'curl', version: '8.5.0' }, { name: 'zsh', version: '5.9' }];
    const read = readDistributedRows(plain);
    expect(read.success && read.data).toBe(plain);

    const mixed = [{ pid: '1' }, { pid: 541, running: true, note: null, nested: { a: [1] } }, { pid: '3' }];
    const coerced = readDistributedRows(mixed);
    expect(coerced.success && coerced.data).toEqual([{ pid: '1' }, { pid: '541', running: 'true', note: '', nested: '{"a":[1]}' }, { pid: '3' }]);
    expect(coerced.success && coerced.data[0]).toBe(mixed[0]);
    expect(coerced.success && coerced.data[2]).toBe(mixed[2]);
    expect(mixed[1]).toEqual({ pid: 541, running: true, note: null, nested: { a: [1] } });
  });

  it('report a row that is not an object at its index, as the schema does', () => {
    const r = readDistributedRows([{ a: '1' }, 'text']);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([1]);
  });
});
