import { EventPattern, Payload } from '@nestjs/microservices';
import type { Counter } from 'prom-client';
import { AGENT_STREAMS } from '@fleet/contracts';
import type { HostWriteMessage, QueryReportMessage } from '@fleet/contracts';
import { StreamController } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { AgentDataRepository } from '@fleet/persistence';

/** Rows kept per host in a query's report, as Fleet caps them. */
const REPORT_ROW_CAP = 1000;

/**
 * Drains the agent-data streams into MySQL in batches (hundreds of hosts per transaction). Runs in every
 * ingest replica through the Redis-streams transport: the consumer group shares the work, a batch is
 * acknowledged only after its transaction committed, and a replica that dies leaves its batch pending for
 * another to claim. Both writes are idempotent, so a replayed batch leaves the same rows.
 */
@StreamController()
export class AgentDataWriterController {
  private readonly written: Counter<'kind'>;

  constructor(private readonly repo: AgentDataRepository, metrics: MetricsRegistry) {
    this.written = metrics.counter('fleet_agent_writes_total', 'Agent data entries written to MySQL by kind', ['kind']);
  }

  @EventPattern(AGENT_STREAMS.hostWrites)
  async writeHosts(@Payload() writes: HostWriteMessage[]): Promise<void> {
    await this.repo.applyHostWrites(writes);
    this.written.inc({ kind: 'host' }, writes.length);
  }

  @EventPattern(AGENT_STREAMS.queryReports)
  async writeReports(@Payload() batches: QueryReportMessage[][]): Promise<void> {
    const reports = batches.flat();
    await this.repo.replaceQueryReports(reports, REPORT_ROW_CAP);
    this.written.inc({ kind: 'query_report' }, reports.length);
  }
}
