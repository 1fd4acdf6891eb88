import type { Provider } from '@nestjs/common';
import { outboundDispatcherProvider } from './outbound-dispatcher';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';

/** The live-query role's job consumers; the JobQueue itself comes from JobQueueModule. */
export const JOBS_PROVIDERS: Provider[] = [outboundDispatcherProvider, WebhookDeliveryWorker];
