import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import { JOBS } from '@fleet/contracts';
import type { WebhookDelivery } from '@fleet/contracts';
import { JobQueue, WebhookStateStore } from '@fleet/messaging';
import type { JobAttempt } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { LOGGER, postJson } from '@fleet/platform';
import { OUTBOUND_DISPATCHER } from './outbound-dispatcher';

/** POSTs at once per live-query replica: enough to drain a run's deliveries quickly, few enough not to flood a destination. */
export const WEBHOOK_DELIVERY_CONCURRENCY = 4;

/**
 * Consumes `webhook_delivery` jobs in the live-query role: one POST per attempt through the outbound
 * dispatcher; a non-2xx answer or a timeout fails the attempt and BullMQ retries it (JOBS.webhookDelivery.retry).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueue,
    @Inject(OUTBOUND_DISPATCHER) private readonly dispatcher: Dispatcher,
    private readonly webhookState: WebhookStateStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process(JOBS.webhookDelivery, (d, attempt) => this.deliver(d, attempt), { concurrency: WEBHOOK_DELIVERY_CONCURRENCY });
  }

  async deliver(d: WebhookDelivery, attempt: JobAttempt): Promise<void> {
    try {
      await postJson(this.dispatcher, d.url, d.body, d.timeoutMs);
    } catch (err) {
      // The last attempt failed (the destination was down for over an hour): the hosts of a failing-policy
      // POST are taken off the reported set, so the next run that finds them still failing reports them
      // again — the destination misses nothing, as before deliveries were queued.
      if (attempt.final && d.source.kind === 'failing_policy') await this.webhookState.unreportFailing(d.source.policyId, d.source.hostIds);
      throw err;
    }
    this.logger.info({ job_id: attempt.jobId, attempt: attempt.number, ...sourceFields(d) }, 'jobs: webhook delivered');
  }
}

function sourceFields(d: WebhookDelivery): Record<string, unknown> {
  switch (d.source.kind) {
    case 'host_status': return { webhook: 'host_status', team_id: d.source.teamId };
    case 'failing_policy': return { webhook: 'failing_policy', policy_id: d.source.policyId, hosts: d.source.hostIds.length };
    case 'vulnerability': return { webhook: 'vulnerability', cve: d.source.cve, hosts: d.source.hostIds.length };
  }
}
