import type { Counter } from 'prom-client';
import type { MetricsRegistry } from '@fleet/observability';

/** What the scrape-time gauge needs of a queue. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: Array<'waiting' | 'active' | 'delayed' | 'failed'>): Promise<Record<string, number>>;
}

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const perRegistry = new WeakMap<MetricsRegistry, JobQueueMetrics>();

/**
 * Job queue metrics on /metrics, one set per metrics registry (`JobQueueMetrics.for`):
 *   fleet_job_queue_jobs{queue,state}   jobs waiting, active, delayed (retries wait here) and failed for good
 *                                      (kept ones), read from Redis at scrape time — the same on every replica;
 *   fleet_job_attempts_total{queue,result}  attempts this replica ran, by result (completed, failed);
 *   fleet_job_retries_total{queue}      failed attempts this replica scheduled for another try;
 *   fleet_job_failures_total{queue}     jobs that failed for good here (attempts used up, or a permanent error).
 */
export class JobQueueMetrics {
  readonly attempts: Counter<'queue' | 'result'>;
  readonly retries: Counter<'queue'>;
  readonly failures: Counter<'queue'>;
  private readonly tracked = new Set<CountableQueue>();

  static for(metrics: MetricsRegistry): JobQueueMetrics {
    let m = perRegistry.get(metrics);
    if (!m) {
      m = new JobQueueMetrics(metrics);
      perRegistry.set(metrics, m);
    }
    return m;
  }

  private constructor(metrics: MetricsRegistry) {
    this.attempts = metrics.counter('fleet_job_attempts_total', 'Job attempts run by this replica, by queue and result (completed, failed)', ['queue', 'result']);
    this.retries = metrics.counter('fleet_job_retries_total', 'Failed job attempts that this replica scheduled for another try, by queue', ['queue']);
    this.failures = metrics.counter('fleet_job_failures_total', 'Jobs that failed for good on this replica (attempts used up or a permanent error), by queue', ['queue']);
    metrics.gauge('fleet_job_queue_jobs', 'Jobs in the queue by state (waiting, active, delayed, failed), read from Redis at scrape time', ['queue', 'state'], async (g) => {
      for (const q of this.tracked) {
        const counts = await q.getJobCounts(...STATES);
        for (const state of STATES) g.set({ queue: q.name, state }, counts[state] ?? 0);
      }
    });
  }

  /** Reports the queue's counts at scrape time until the returned function is called. */
  track(queue: CountableQueue): () => void {
    this.tracked.add(queue);
    return () => this.tracked.delete(queue);
  }
}
