import { assertJobId } from '@fleet/messaging';
import { webhookDeliveryId } from './webhook-deliveries';

describe('webhookDeliveryId', () => {
  const id = (webhook = 'failing_policy:7', generation = 3, url = 'https://hooks.example.com/x', content = '1,2') => webhookDeliveryId(webhook, generation, url, content);

  it('is the same for the same webhook, generation, destination and content', () => {
    expect(id()).toBe(id());
    expect(id()).toMatch(/^failing_policy\.7\.g3\.[0-9a-f]{32}$/);
  });

  it('differs when any of them differs', () => {
    const all = [id(), id('failing_policy:8'), id(undefined, 4), id(undefined, undefined, 'https://hooks.example.com/y'), id(undefined, undefined, undefined, '1,3')];
    expect(new Set(all).size).toBe(all.length);
  });

  it('is an id both job queue drivers accept', () => {
    expect(() => assertJobId(id('host_status:team:12'))).not.toThrow();
  });
});
