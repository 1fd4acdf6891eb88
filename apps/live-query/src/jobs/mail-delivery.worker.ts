import { Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { JOBS } from '@fleet/contracts';
import { JobQueue } from '@fleet/messaging';
import { MailDeliveryHandler } from '@fleet/platform';

/** Mails sent at once per live-query replica: a burst of invites drains quickly without flooding the mail server. */
export const MAIL_DELIVERY_CONCURRENCY = 2;

/**
 * Consumes `mail_delivery` jobs in the live-query role (the api role queues them: invites, password resets,
 * email changes, two-factor links): one SMTP send per attempt through MailDeliveryHandler; a failure is
 * retried by the contract's policy (JOBS.mailDelivery.retry), so a mail server that is down delays mail
 * without losing it.
 */
@Injectable()
export class MailDeliveryWorker implements OnApplicationBootstrap {
  constructor(private readonly queue: JobQueue, private readonly handler: MailDeliveryHandler) {}

  onApplicationBootstrap(): void {
    this.queue.process(JOBS.mailDelivery, (mail, attempt) => this.handler.deliver(mail, attempt), { concurrency: MAIL_DELIVERY_CONCURRENCY });
  }
}
