import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Counter } from 'prom-client';
import { AGENT_STREAMS } from '@fleet/contracts';
import type { HostWriteMessage, QueryReportMessage } from '@fleet/contracts';
import { StreamController } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { queryReportSettings } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import { AgentDataRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { AgentCatalogCache } from '../config/agent-catalog.cache';
import { WorkSlicer } from '../slicing/work-slicer';

/**
 * Drains the agent-data streams into MySQL in batches (hundreds of hosts per transaction). Runs in every
 * ingest replica through the Redis-streams transport: the consumer group shares the work, a batch is
 * acknowledged only after its transaction committed, and a replica that dies leaves its batch pending for
 * another to claim. Both writes are idempotent, so a replayed batch leaves the same rows.
 */
@StreamController()
export class AgentDataWriterController {
  private readonly written: Counter<'kind'>;

  constructor(
    private readonly repo: AgentDataRepository,
    private readonly catalogs: AgentCatalogCache,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.written = metrics.counter('fleet_agent_writes_total', 'Agent data entries written to MySQL by kind', ['kind']);
  }

  /** In slices of the event loop (WorkSlicer): a batch of hundreds of software inventories is long work. */
  @EventPattern(AGENT_STREAMS.hostWrites)
  async writeHosts(@Payload() writes: HostWriteMessage[]): Promise<void> {
    const slicer = new WorkSlicer();
    await this.repo.applyHostWrites(writes, () => slicer.turn());
    this.written.inc({ kind: 'host' }, writes.length);
  }

  /**
   * Reports are kept as the organisation settings say (QueryReportSettings): not at all while
   * `server_settings.query_reports_disabled`, otherwise up to `query_report_cap` rows per query and no older
   * than `query_report_max_age`.
   */
  @EventPattern(AGENT_STREAMS.queryReports)
  async writeReports(@Payload() batches: QueryReportMessage[][]): Promise<void> {
    const reports = batches.flat();
    const settings = queryReportSettings((await this.catalogs.get()).appConfig);
    if (settings.disabled) return;
    await this.repo.replaceQueryReports(reports, { cap: settings.cap, maxAgeMs: settings.maxAgeMs, nowMs: this.clock.now().getTime() });
    this.written.inc({ kind: 'query_report' }, reports.length);
  }
}
