import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('lets `limit` holders in at once and the waiters in arrival order, however many wait', async () => {
    const gate = new Semaphore(3);
    const order: number[] = [];
    let inside = 0;
    let most = 0;
    const holders = Array.from({ length: 5000 }, async (_, i) => {
      await gate.acquire();
      inside += 1;
      most = Math.max(most, inside);
      order.push(i);
      await Promise.resolve();
      inside -= 1;
      gate.release();
    });
    await Promise.all(holders);
    expect(most).toBe(3);
    expect(order).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    // Every slot came back: three more enter at once.
    let entered = 0;
    await Promise.all([1, 2, 3].map(async () => { await gate.acquire(); entered += 1; }));
    expect(entered).toBe(3);
  });
});
