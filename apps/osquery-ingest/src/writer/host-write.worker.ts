import { hostname } from 'node:os';
import type { Counter } from 'prom-client';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { AGENT_STREAMS, hostWriteMessageSchema, queryReportMessageSchema, streamEnvelopeSchema } from '@fleet/contracts';
import { closeRedis, createRedis, StreamConsumerMetrics, StreamWorker } from '@fleet/messaging';
import type { RedisClient, StreamEntry } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { MetricsRegistry } from '@fleet/observability';
import { AgentDataRepository } from '@fleet/persistence';
import type { HostWrite, QueryReportWrite } from '@fleet/persistence';
import { HealthIndicators, LOGGER, REDIS } from '@fleet/platform';

const REPORT_ROW_CAP = 1000;

/**
 * Drains the agent-data streams into MySQL in batches (hundreds of hosts per transaction). Runs in every
 * ingest replica; the consumer group shares the work and a replica that dies leaves its batch pending for
 * another to claim. Entries that fail validation are logged and dropped: retrying cannot fix them.
 */
@Injectable()
export class HostWriteWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly workers: StreamWorker[] = [];
  private readonly connections: RedisClient[] = [];
  private readonly written: Counter<'kind'>;
  private readonly streamMetrics: StreamConsumerMetrics;
  private readonly releases: Array<() => void> = [];

  constructor(
    private readonly repo: AgentDataRepository,
    metrics: MetricsRegistry,
    private readonly health: HealthIndicators,
    @Inject(REDIS) redis: RedisClient,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.written = metrics.counter('fleet_agent_writes_total', 'Agent data entries written to MySQL by kind', ['kind']);
    this.streamMetrics = StreamConsumerMetrics.for(metrics, redis);
  }

  onModuleInit(): void {
    const consumer = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const common = { consumer, batchSize: Math.min(this.config.osquery.async_host_insert_batch, 500), blockMs: 500, claimIdleMs: 60_000, retryDelayMs: 1000 };
    const start = (stream: { key: string; group: string }, handle: (entries: StreamEntry[]) => Promise<void>): void => {
      const redis = createRedis(this.config, { blocking: true });
      this.connections.push(redis);
      const tracked = this.streamMetrics.track(stream.key, stream.group);
      this.releases.push(tracked.release);
      const worker = new StreamWorker(redis, { ...common, ...stream }, handle, this.logger, tracked.observer);
      this.workers.push(worker);
      worker.start();
    };
    start(AGENT_STREAMS.hostWrites, (e) => this.writeHosts(e));
    start(AGENT_STREAMS.queryReports, (e) => this.writeReports(e));
    this.releases.push(this.health.register('redis', () => this.streamMetrics.problems()));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const release of this.releases.splice(0)) release();
    await Promise.all(this.workers.map((w) => w.stop()));
    await Promise.all(this.connections.map((c) => closeRedis(c)));
  }

  private payloads(entries: StreamEntry[]): unknown[] {
    const out: unknown[] = [];
    for (const e of entries) {
      const env = streamEnvelopeSchema.safeParse(e.message);
      if (env.success) out.push(env.data.data);
      else this.logger.error({ id: e.id }, 'dropping malformed stream entry');
    }
    return out;
  }

  private async writeHosts(entries: StreamEntry[]): Promise<void> {
    const writes: HostWrite[] = [];
    for (const data of this.payloads(entries)) {
      const parsed = hostWriteMessageSchema.safeParse(data);
      if (parsed.success) writes.push(parsed.data);
      else this.logger.error({ issues: parsed.error.issues.slice(0, 3) }, 'dropping invalid host write');
    }
    await this.repo.applyHostWrites(writes);
    this.written.inc({ kind: 'host' }, writes.length);
  }

  private async writeReports(entries: StreamEntry[]): Promise<void> {
    const reports: QueryReportWrite[] = [];
    for (const data of this.payloads(entries)) {
      const parsed = queryReportMessageSchema.array().safeParse(data);
      if (parsed.success) reports.push(...parsed.data);
      else this.logger.error({ issues: parsed.error.issues.slice(0, 3) }, 'dropping invalid query report');
    }
    await this.repo.replaceQueryReports(reports, REPORT_ROW_CAP);
    this.written.inc({ kind: 'query_report' }, reports.length);
  }
}
