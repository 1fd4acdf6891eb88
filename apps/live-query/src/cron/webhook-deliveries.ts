import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { JOBS } from '@fleet/contracts';
import type { WebhookSource } from '@fleet/contracts';
import { JobQueue, WebhookStateStore } from '@fleet/messaging';

/**
 * The job id of one delivery: the webhook, its generation, and a digest of the destination and of what
 * identifies the POST's content (`content`: the body, or the reported host ids when the body carries a
 * timestamp). Equal inputs give the same id, so queueing the same POST again adds nothing.
 */
export function webhookDeliveryId(webhook: string, generation: number, url: string, content: string): string {
  const digest = createHash('sha256').update(`${url}\n${content}`).digest('hex').slice(0, 32);
  return `${webhook.replace(/[^a-z0-9_]/gi, '.')}.g${generation}.${digest}`;
}

/**
 * Queues the POSTs of the `automations` webhooks (the retries are the queue's job). A webhook (`host_status:global`,
 * `failing_policy:7`, ...) has a generation: a run reads it, queues its POSTs with ids made from it, records
 * what it sent, then advances it. A run that dies before advancing leaves the generation as it was, so the
 * run that repeats the same POSTs produces the same ids and queues nothing twice; after advancing, a later
 * POST with the same content (the same hosts failing in a new streak) is a new delivery.
 */
@Injectable()
export class WebhookDeliveries {
  constructor(
    private readonly queue: JobQueue,
    private readonly state: WebhookStateStore,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  async generation(webhook: string): Promise<number> {
    return this.state.generation(webhook);
  }

  /** Resolves once the POST is durably queued (in Redis); `content` as for `webhookDeliveryId`. */
  async enqueue(webhook: string, generation: number, delivery: { url: string; body: string; source: WebhookSource }, content: string): Promise<void> {
    await this.queue.enqueue(JOBS.webhookDelivery, { ...delivery, timeoutMs: this.config.schedules.webhook_timeout }, {
      id: webhookDeliveryId(webhook, generation, delivery.url, content),
    });
  }

  async advance(webhook: string): Promise<void> {
    await this.state.advanceGeneration(webhook);
  }
}
