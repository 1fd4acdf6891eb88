import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { LogRecord, LogRequest } from '@fleet/contracts';
import { DomainError, jsonText, resultLineNames } from '@fleet/domain';
import type { AgentHost, Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { MetricsRegistry } from '@fleet/observability';
import { CLOCK, LOGGER } from '@fleet/platform';
import { AgentCatalogCache } from '../config/agent-catalog.cache';
import { HostWriteQueue } from '../writer/host-write.queue';
import { LogBufferWriter } from './delivery/log-buffer.writer';
import { LOG_DESTINATIONS } from './destinations/log-destination';
import type { LogDestinations } from './destinations/log-destination';
import { WorkSlicer } from '../slicing/work-slicer';
import { ResultLineProcessor } from './result-log.processor';
import { LogRouter, logRecordId } from './routing/log-router';
import type { RoutableLine } from './routing/log-router';

/**
 * /log: status lines go to the destinations unchanged; result lines are processed (query reports,
 * automations) first. Two kinds of destination: Fleet's one plugin per log type (`osquery.*_log_plugin`),
 * written before the agent is answered, and the named destinations of `log_routing.destinations`, whose
 * routed lines are put in their Redis buffers before the agent is answered and delivered by their consumers.
 * The agent hears success only when the reports are queued, the buffers hold the lines and the plugin has
 * them; otherwise it gets an `error` and keeps the batch. Lines are taken one by one in slices (WorkSlicer),
 * so a batch of thousands does not hold the event loop.
 *
 * Order: the reports are queued in Redis, then the lines are buffered (Redis), and only then is anything
 * delivered to the plugin, so a Redis failure fails the request while nothing has left the server and the
 * agent's resend delivers each line once. Queuing a report again is harmless (the latest snapshot replaces
 * the host's report) and buffering the same batch again is recognised and skipped, so a plugin failure after
 * both still answers `error` and the agent's resend loses nothing and doubles nothing.
 */
@Injectable()
export class LogService implements OnApplicationShutdown {
  private readonly lines: Counter<'type' | 'outcome'>;

  constructor(
    @Inject(LOG_DESTINATIONS) private readonly destinations: LogDestinations,
    private readonly catalogs: AgentCatalogCache,
    private readonly queue: HostWriteQueue,
    private readonly router: LogRouter,
    private readonly buffers: LogBufferWriter,
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
      await this.buffer(host, 'status', lines.map((line) => ({ line, name: null })));
      await this.deliver(host, 'status', lines);
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
    await this.buffer(host, 'result', processed.forward);
    await this.deliver(host, 'result', processed.forward.map((f) => f.line));
  }

  /** Routes the lines to the named destinations and buffers them, when any destination takes this log type. */
  private async buffer(host: AgentHost, type: 'result' | 'status', lines: ReadonlyArray<{ line: string; name: string | null }>): Promise<void> {
    if (lines.length === 0 || !this.router.takes(type)) return;
    const routable: RoutableLine[] = lines.map((l) => ({
      record: { id: logRecordId(host.id, type, l.line), type, line: l.line },
      ...(type === 'result' ? resultLineNames(l.name) : { queryName: null, packName: null }),
    }));
    let routed: Map<string, LogRecord[]>;
    try {
      routed = await this.router.route(host, routable);
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not route logs', { cause: (err as Error).message });
    }
    await this.buffers.append(`${host.id}\n${type}\n${routable.map((r) => r.record.id).join(',')}`, routed);
  }

  private async deliver(host: AgentHost, type: 'result' | 'status', lines: readonly string[]): Promise<void> {
    const destination = this.destinations[type];
    if (!destination) return;
    try {
      await destination.write(lines.map((line) => ({ id: logRecordId(host.id, type, line), type, line })));
      this.lines.inc({ type, outcome: 'written' }, lines.length);
    } catch (err) {
      this.lines.inc({ type, outcome: 'failed' }, lines.length);
      this.logger.warn({ destination: destination.name, type, err: (err as Error).message }, 'log destination failed; agent will retry');
      throw new DomainError('LOG_DESTINATION_FAILED', `error writing ${type} logs (the agent keeps them and retries): ${(err as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.destinations.result?.close(), this.destinations.status?.close()]);
  }
}
