import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { LogRecord } from '@fleet/contracts';
import { LogBufferConsumers, LogBufferStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { MetricsRegistry } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { createNamedDestination } from '../destinations/log-destinations.factory';
import type { LogDestination } from '../destinations/log-destination';

/** Entries (each up to 500 lines) a consumer reads at once. */
const ENTRIES_PER_READ = 20;

/**
 * Delivers the named destinations' buffers: one consumer per destination (its own stream, group and
 * connection, in every ingest replica), `batch_size` lines per call to the destination, retried after
 * `log_routing.retry_interval` while the destination fails, so a destination that is down for hours only
 * grows its own buffer. Per-destination metrics on /metrics: lines delivered, failed attempts, delivery time,
 * and, read from Redis at scrape time, undelivered entries and the age of the oldest.
 */
@Injectable()
export class LogDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly destinations = new Map<string, { destination: LogDestination; batchSize: number }>();
  private consumers: LogBufferConsumers | undefined;
  private readonly delivered: Counter<'destination'>;
  private readonly failures: Counter<'destination'>;
  private readonly duration: Histogram<'destination'>;

  constructor(
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    private readonly store: LogBufferStore,
    metrics: MetricsRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    for (const d of config.log_routing.destinations) this.destinations.set(d.name, { destination: createNamedDestination(d, config), batchSize: d.batch_size });
    const names = [...this.destinations.keys()];
    const label = ['destination'] as const;
    this.delivered = metrics.counter('fleet_log_destination_delivered_lines_total', 'Lines a named log destination acknowledged', label);
    this.failures = metrics.counter('fleet_log_destination_failures_total', 'Failed deliveries to a named log destination (each is retried)', label);
    this.duration = metrics.histogram('fleet_log_destination_delivery_seconds', 'Time one delivery to a named log destination took', [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30], label);
    const each = async (fn: (name: string, s: Awaited<ReturnType<LogBufferStore['state']>>) => void): Promise<void> => {
      for (const name of names) fn(name, await this.store.state(name));
    };
    metrics.gauge('fleet_log_destination_lag', 'Entries buffered for a named log destination and not yet delivered', label, (g) => each((n, s) => g.set({ destination: n }, s.undelivered)));
    metrics.gauge('fleet_log_destination_pending', 'Buffered entries a consumer is delivering (read, not yet acknowledged)', label, (g) => each((n, s) => g.set({ destination: n }, s.pending)));
    metrics.gauge('fleet_log_destination_lag_seconds', 'Age of the oldest undelivered entry of a named log destination', label, (g) => each((n, s) => g.set({ destination: n }, s.oldestAgeMs / 1000)));
  }

  onApplicationBootstrap(): void {
    if (this.destinations.size === 0) return;
    const c = this.config;
    this.consumers = new LogBufferConsumers({
      config: c,
      batchSize: ENTRIES_PER_READ,
      blockMs: 500,
      claimIdleMs: c.osquery.async_host_collect_lock_timeout,
      retryDelayMs: c.log_routing.retry_interval,
      logger: this.logger,
    });
    for (const [name, d] of this.destinations) this.consumers.start(name, (records) => this.deliver(name, d.destination, d.batchSize, records));
    this.logger.info({ destinations: [...this.destinations.keys()] }, 'log destinations consuming their buffers');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers?.stop();
    await Promise.all([...this.destinations.values()].map((d) => d.destination.close().catch(() => undefined)));
  }

  private async deliver(name: string, destination: LogDestination, batchSize: number, records: readonly LogRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += batchSize) {
      const chunk = records.slice(i, i + batchSize);
      const end = this.duration.startTimer({ destination: name });
      try {
        await destination.write(chunk);
      } catch (err) {
        this.failures.inc({ destination: name });
        throw err;
      } finally {
        end();
      }
      this.delivered.inc({ destination: name }, chunk.length);
    }
  }
}
