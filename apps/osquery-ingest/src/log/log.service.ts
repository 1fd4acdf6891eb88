import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { LogRequest } from '@fleet/contracts';
import { DomainError, jsonText } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { MetricsRegistry } from '@fleet/observability';
import { CLOCK, LOGGER } from '@fleet/platform';
import { AgentCatalogCache } from '../config/agent-catalog.cache';
import { HostWriteQueue } from '../writer/host-write.queue';
import { LOG_DESTINATIONS } from './destinations/log-destination';
import type { LogDestinations } from './destinations/log-destination';
import { WorkSlicer } from '../slicing/work-slicer';
import { ResultLineProcessor } from './result-log.processor';
import type { AgentHost } from '@fleet/domain';

/**
 * /log: status lines go to the status destination unchanged; result lines are processed (query reports,
 * automations) and go to the result destination. The agent hears success only when the destination has
 * the lines and the reports are queued; otherwise it gets an `error` and keeps the batch. Lines are taken one
 * by one in slices (WorkSlicer), so a batch of thousands does not hold the event loop.
 *
 * Order: the reports are queued in Redis before any line is delivered, so a Redis failure fails the request
 * while nothing has reached the destination and the agent's resend delivers each line once. Queuing a report
 * again is harmless (the latest snapshot replaces the host's report), so a destination failure after the
 * reports were queued still answers `error` and the agent's resend loses nothing and doubles nothing.
 */
@Injectable()
export class LogService implements OnApplicationShutdown {
  private readonly lines: Counter<'type' | 'outcome'>;

  constructor(
    @Inject(LOG_DESTINATIONS) private readonly destinations: LogDestinations,
    private readonly catalogs: AgentCatalogCache,
    private readonly queue: HostWriteQueue,
    metrics: MetricsRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.lines = metrics.counter('fleet_agent_log_lines_total', 'Log lines received by type and outcome', ['type', 'outcome']);
  }

  async submit(host: AgentHost, req: LogRequest): Promise<void> {
    const slicer = new WorkSlicer();
    if (req.log_type === 'status') {
      const lines: string[] = [];
      for (const line of req.data) {
        if (line !== null && typeof line === 'object') lines.push(jsonText(line));
        await slicer.turn();
      }
      await this.deliver('status', lines);
      return;
    }
    const catalog = await this.catalogs.get();
    const processor = new ResultLineProcessor(host, catalog.scheduledQueries, this.clock.now().getTime());
    for (const line of req.data) {
      processor.add(line);
      await slicer.turn();
    }
    const processed = processor.finish();
    if (processed.dropped > 0) this.lines.inc({ type: 'result', outcome: 'dropped' }, processed.dropped);
    await this.queue.enqueueReports(processed.reports);
    await this.deliver('result', processed.forward);
  }

  private async deliver(type: 'result' | 'status', lines: string[]): Promise<void> {
    const destination = this.destinations[type];
    try {
      await destination.write(lines);
      this.lines.inc({ type, outcome: 'written' }, lines.length);
    } catch (err) {
      this.lines.inc({ type, outcome: 'failed' }, lines.length);
      this.logger.warn({ destination: destination.name, type, err: (err as Error).message }, 'log destination failed; agent will retry');
      throw new DomainError('LOG_DESTINATION_FAILED', `error writing ${type} logs (the agent keeps them and retries): ${(err as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.destinations.result.close(), this.destinations.status.close()]);
  }
}
