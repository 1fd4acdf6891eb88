import type { Provider } from '@nestjs/common';
import { MailDeliveryHandler } from '@fleet/platform';
import { MailDeliveryWorker } from './mail-delivery.worker';
import { outboundDispatcherProvider } from './outbound-dispatcher';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';

/** The live-query role's job consumers; the JobQueue itself comes from JobQueueModule (@fleet/platform). */
export const JOBS_PROVIDERS: Provider[] = [outboundDispatcherProvider, WebhookDeliveryWorker, MailDeliveryHandler, MailDeliveryWorker];
