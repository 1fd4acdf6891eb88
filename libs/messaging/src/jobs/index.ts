export { JobQueue, PermanentJobError, assertJobId, parseJobPayload } from './job-queue';
export type { EnqueueOptions, JobAttempt, JobHandler, ProcessOptions } from './job-queue';
export { InlineJobQueue } from './inline-job-queue';
export type { InlineJob, InlineJobState } from './inline-job-queue';
export { BullMqJobQueue } from './bullmq-job-queue';
export type { BullMqJobQueueDeps } from './bullmq-job-queue';
export { bullPrefix } from './bullmq-connection';
export { JobQueueMetrics } from './job-queue.metrics';
export { retryDelayMs, retryHorizonMs, willRetry } from './retry-policy';
