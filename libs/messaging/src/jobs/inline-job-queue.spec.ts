import { z } from 'zod';
import { jobContract } from '@fleet/contracts';
import { FixedClock } from '@fleet/domain';
import { InlineJobQueue } from './inline-job-queue';
import { PermanentJobError } from './job-queue';
import type { JobAttempt } from './job-queue';
import { retryDelayMs } from './retry-policy';

const ping = jobContract('ping', z.object({ n: z.number().int() }), { attempts: 4, initialDelayMs: 1000, maxDelayMs: 3000 });

describe('InlineJobQueue', () => {
  let clock: FixedClock;
  let queue: InlineJobQueue;
  let seen: Array<{ n: number; attempt: JobAttempt }>;
  /** Fails the first `failures` attempts of every job. */
  const handle = (failures: number) => (p: { n: number }, attempt: JobAttempt): Promise<void> => {
    seen.push({ n: p.n, attempt });
    return attempt.number <= failures ? Promise.reject(new Error(`refused ${attempt.number}`)) : Promise.resolve();
  };

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-12-01T00:00:00Z'));
    queue = new InlineJobQueue(clock);
    seen = [];
  });

  it('runs a job once on drain, with a copy of its validated payload', async () => {
    queue.process(ping, handle(0));
    const payload = { n: 1 };
    await queue.enqueue(ping, payload, { id: 'p-1' });
    payload.n = 2;
    expect(await queue.drain()).toBe(1);
    expect(seen).toEqual([{ n: 1, attempt: { jobId: 'p-1', number: 1, attempts: 4, final: false } }]);
    expect(queue.jobs()).toMatchObject([{ name: 'ping', id: 'p-1', state: 'completed', attemptsMade: 1 }]);
    expect(await queue.drain()).toBe(0);
  });

  it('adds a job id once, whatever state the first job is in', async () => {
    await queue.enqueue(ping, { n: 1 }, { id: 'same' });
    await queue.enqueue(ping, { n: 2 }, { id: 'same' });
    queue.process(ping, handle(0));
    await queue.drain();
    await queue.enqueue(ping, { n: 3 }, { id: 'same' });
    await queue.drain();
    expect(seen.map((s) => s.n)).toEqual([1]);
  });

  it('retries a failing job after the policy\'s delays, by the clock, and completes it', async () => {
    queue.process(ping, handle(2));
    await queue.enqueue(ping, { n: 1 }, { id: 'r' });
    expect(await queue.drain()).toBe(1);
    expect(queue.jobs()[0]).toMatchObject({ state: 'delayed', attemptsMade: 1, failedReason: 'refused 1', dueAt: clock.now().getTime() + 1000 });
    clock.advance(999);
    expect(await queue.drain()).toBe(0);
    clock.advance(1);
    expect(await queue.drain()).toBe(1);
    clock.advance(retryDelayMs(ping.retry, 2) - 1);
    expect(await queue.drain()).toBe(0);
    clock.advance(1);
    expect(await queue.drain()).toBe(1);
    expect(seen.map((s) => s.attempt.number)).toEqual([1, 2, 3]);
    expect(queue.jobs()[0]).toMatchObject({ state: 'completed', attemptsMade: 3, failedReason: null });
  });

  it('fails a job for good after its last attempt, which the handler is told is final', async () => {
    queue.process(ping, handle(99));
    await queue.enqueue(ping, { n: 1 }, { id: 'dead' });
    for (let i = 0; i < 10; i++) {
      await queue.drain();
      clock.advance(3000);
    }
    expect(seen.map((s) => [s.attempt.number, s.attempt.final])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(queue.jobs()[0]).toMatchObject({ state: 'failed', attemptsMade: 4, failedReason: 'refused 4' });
  });

  it('does not retry a permanent error', async () => {
    queue.process(ping, () => Promise.reject(new PermanentJobError('never')));
    await queue.enqueue(ping, { n: 1 }, { id: 'perm' });
    await queue.drain();
    clock.advance(60_000);
    expect(await queue.drain()).toBe(0);
    expect(queue.jobs()[0]).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'never' });
  });

  it('validates payloads when adding and again before the handler (a consumer with a stricter contract)', async () => {
    await expect(queue.enqueue(ping, { n: 1.5 }, { id: 'bad' })).rejects.toThrow();
    const loose = jobContract('ping', z.object({ n: z.number() }), ping.retry);
    await queue.enqueue(loose, { n: 1.5 }, { id: 'loose' });
    queue.process(ping, handle(0));
    await queue.drain();
    expect(seen).toEqual([]);
    expect(queue.jobs()[0]).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringMatching(/^invalid ping payload: n: /) });
  });

  it('refuses ids BullMQ would refuse, a second handler, and jobs after close', async () => {
    await expect(queue.enqueue(ping, { n: 1 }, { id: 'a:b' })).rejects.toThrow(/job id/);
    await expect(queue.enqueue(ping, { n: 1 }, { id: '42' })).rejects.toThrow(/job id/);
    queue.process(ping, handle(0));
    expect(() => queue.process(ping, handle(0))).toThrow(/already registered/);
    await queue.close();
    await expect(queue.enqueue(ping, { n: 1 }, { id: 'late' })).rejects.toThrow(/closed/);
  });

  it('leaves jobs without a handler waiting', async () => {
    await queue.enqueue(ping, { n: 1 }, { id: 'w' });
    expect(await queue.drain()).toBe(0);
    expect(queue.jobs()[0]).toMatchObject({ state: 'waiting', attemptsMade: 0 });
  });
});
