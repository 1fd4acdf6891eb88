import { ErrorStore } from './error.store';

describe('ErrorStore', () => {
  it('groups repeats of one error, keeps the cause chain, and empties on flush', () => {
    const store = new ErrorStore();
    const boom = (): Error => new Error('db down', { cause: new Error('ECONNREFUSED') });
    for (let i = 0; i < 3; i += 1) store.record(boom());
    const [only, ...rest] = store.list();
    expect(rest).toHaveLength(0);
    expect(only?.count).toBe(3);
    expect(only?.chain.map((c) => c.message)).toEqual(['db down', 'ECONNREFUSED']);
    expect(store.list(true)).toHaveLength(1);
    expect(store.list()).toHaveLength(0);
  });

  it('forgets errors older than the retention period and caps the number of groups', () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const store = new ErrorStore(60_000, 2, () => now);
    store.record(new Error('a'));
    now = new Date('2025-01-01T00:02:00Z');
    store.record(new Error('b'));
    store.record(new Error('c'));
    expect(store.list().map((e) => e.chain[0]?.message)).toEqual(['b', 'c']);
  });
});
