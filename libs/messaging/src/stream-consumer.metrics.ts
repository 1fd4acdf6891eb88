import type { MetricsRegistry } from '@fleet/observability';
import type { RedisClient } from './redis.factory';
import { streamGroupInfo } from './stream-worker';
import type { StreamGroupInfo, StreamWorkerObserver } from './stream-worker';

interface TrackedGroup {
  readonly key: string;
  readonly group: string;
}

const perRegistry = new WeakMap<MetricsRegistry, StreamConsumerMetrics>();

/**
 * Per-stream consumer metrics every role that drains a stream exposes on /metrics: batches, their size and
 * duration, failures and recreated groups as they happen; lag, pending entries and a missing group read from
 * Redis at scrape time, so an empty Redis shows as `fleet_stream_group_missing 1` until the group is back.
 * One per metrics registry (`StreamConsumerMetrics.for`), shared by every consumer of the process.
 */
export class StreamConsumerMetrics {
  private readonly tracked = new Set<TrackedGroup>();

  static for(metrics: MetricsRegistry, redis: RedisClient): StreamConsumerMetrics {
    let m = perRegistry.get(metrics);
    if (!m) {
      m = new StreamConsumerMetrics(metrics, redis);
      perRegistry.set(metrics, m);
    }
    return m;
  }

  /** `redis` is a non-blocking client: the workers' own connections sit in blocking reads. */
  private constructor(private readonly metrics: MetricsRegistry, private readonly redis: RedisClient) {
    const stream = ['stream'] as const;
    const each = async (fn: (key: string, info: StreamGroupInfo) => void): Promise<void> => {
      for (const t of this.tracked) fn(t.key, await streamGroupInfo(this.redis, t.key, t.group));
    };
    metrics.gauge('fleet_stream_lag', 'Entries in the stream not yet delivered to its consumer group', stream, (g) =>
      each((key, info) => { if (info.lag !== null) g.set({ stream: key }, info.lag); }));
    metrics.gauge('fleet_stream_pending', 'Entries delivered to a consumer and not yet acknowledged', stream, (g) =>
      each((key, info) => g.set({ stream: key }, info.pending)));
    metrics.gauge('fleet_stream_group_missing', '1 while the consumer group of the stream does not exist in Redis', stream, (g) =>
      each((key, info) => g.set({ stream: key }, info.exists ? 0 : 1)));
  }

  /** Tracks a stream's group for the scrape-time gauges and health; returns the observer for its worker and a release function. */
  track(key: string, group: string): { observer: StreamWorkerObserver; release: () => void } {
    const entry = { key, group };
    this.tracked.add(entry);
    const batches = this.metrics.counter('fleet_stream_batches_total', 'Stream batches handled and acknowledged', ['stream']);
    const size = this.metrics.histogram('fleet_stream_batch_size', 'Entries per handled stream batch', [1, 10, 50, 100, 250, 500, 1000], ['stream']);
    const duration = this.metrics.histogram('fleet_stream_batch_duration_seconds', 'Time to handle and acknowledge one stream batch', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], ['stream']);
    const failures = this.metrics.counter('fleet_stream_failures_total', 'Stream batches or reads that failed and will be retried', ['stream']);
    const recreated = this.metrics.counter('fleet_stream_group_recreated_total', 'Consumer groups found missing (Redis lost its data) and created again', ['stream']);
    const labels = { stream: key };
    const observer: StreamWorkerObserver = {
      batch: (n, seconds) => {
        batches.inc(labels);
        size.observe(labels, n);
        duration.observe(labels, seconds);
      },
      failure: () => failures.inc(labels),
      groupRecreated: () => recreated.inc(labels),
    };
    return { observer, release: () => this.tracked.delete(entry) };
  }

  /** Problems to report on /healthz?check=redis: a tracked consumer group that does not exist. */
  async problems(): Promise<string[]> {
    const out: string[] = [];
    for (const t of this.tracked) if (!(await streamGroupInfo(this.redis, t.key, t.group)).exists) out.push(`consumer group ${t.group} of stream ${t.key} is missing`);
    return out;
  }
}
