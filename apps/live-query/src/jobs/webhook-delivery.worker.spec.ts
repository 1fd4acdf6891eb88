import pino from 'pino';
import { MockAgent } from 'undici';
import { JOBS, WEBHOOK_DELIVERY_RETRY } from '@fleet/contracts';
import type { WebhookDelivery } from '@fleet/contracts';
import { FixedClock } from '@fleet/domain';
import { InlineJobQueue, WebhookStateStore, cronKeys, retryDelayMs } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';

/** The delivery worker on the inline queue, a mocked destination (undici MockAgent) and the webhook state store over a recorded SREM: no I/O. */
describe('WebhookDeliveryWorker', () => {
  let clock: FixedClock;
  let queue: InlineJobQueue;
  let agent: MockAgent;
  let srem: Array<[string, string[]]>;
  const delivery = (hostIds: number[]): WebhookDelivery => ({
    url: 'http://hook.test/failing', body: JSON.stringify({ hosts: hostIds }), timeoutMs: 1000, source: { kind: 'failing_policy', policyId: 7, hostIds },
  });
  const answer = (status: number, times: number) => agent.get('http://hook.test').intercept({ path: '/failing', method: 'POST' }).reply(status, '').times(times);

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-12-01T00:00:00Z'));
    queue = new InlineJobQueue(clock);
    agent = new MockAgent();
    agent.disableNetConnect();
    srem = [];
    const redis = { srem: (key: string, ...members: string[]) => { srem.push([key, members]); return Promise.resolve(members.length); } } as unknown as RedisClient;
    new WebhookDeliveryWorker(queue, agent, new WebhookStateStore(redis), pino({ level: 'silent' })).onApplicationBootstrap();
  });
  afterEach(() => agent.close());

  it('POSTs the body and retries a refused POST after the contract\'s delays until it is taken', async () => {
    answer(503, 2);
    answer(200, 1);
    await queue.enqueue(JOBS.webhookDelivery, delivery([1, 2]), { id: 'd1' });
    await queue.drain();
    clock.advance(retryDelayMs(WEBHOOK_DELIVERY_RETRY, 1));
    await queue.drain();
    clock.advance(retryDelayMs(WEBHOOK_DELIVERY_RETRY, 2));
    await queue.drain();
    expect(queue.jobs()[0]).toMatchObject({ state: 'completed', attemptsMade: 3 });
    agent.assertNoPendingInterceptors();
    expect(srem).toEqual([]);
  });

  it('gives the hosts of a failing-policy POST back to the next run when its last attempt fails', async () => {
    answer(503, WEBHOOK_DELIVERY_RETRY.attempts);
    await queue.enqueue(JOBS.webhookDelivery, delivery([3, 4]), { id: 'd2' });
    for (let i = 0; i < WEBHOOK_DELIVERY_RETRY.attempts; i++) {
      await queue.drain();
      clock.advance(WEBHOOK_DELIVERY_RETRY.maxDelayMs);
    }
    expect(queue.jobs()[0]).toMatchObject({ state: 'failed', attemptsMade: WEBHOOK_DELIVERY_RETRY.attempts, failedReason: 'hook.test answered HTTP 503' });
    expect(srem).toEqual([[cronKeys.reportedFailing(7), ['3', '4']]]);
  });
});
