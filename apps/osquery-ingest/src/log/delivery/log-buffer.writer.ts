import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { LogRecord } from '@fleet/contracts';
import { DomainError } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import { LogBufferStore } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { CLOCK } from '@fleet/platform';

/**
 * Puts routed lines in the named destinations' Redis buffers. Resolves only when Redis holds them for every
 * destination (one atomic script), so the agent may then be told they were accepted; the consumers deliver
 * them later. A batch the agent sends again after it was buffered (a lost answer) is recognised by its id and
 * not buffered twice. A destination whose buffer reached `log_routing.buffer_max_entries` refuses the batch:
 * the agent keeps it and retries, and nothing was written anywhere.
 */
@Injectable()
export class LogBufferWriter {
  private readonly buffered: Counter<'destination'>;

  constructor(
    private readonly store: LogBufferStore,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsRegistry,
  ) {
    this.buffered = metrics.counter('fleet_log_destination_buffered_lines_total', 'Lines put in a named log destination\'s buffer', ['destination']);
  }

  /** `batchKey` names the request's content (host, log type, lines); the same content is buffered once. */
  async append(batchKey: string, byDestination: ReadonlyMap<string, readonly LogRecord[]>): Promise<void> {
    if (byDestination.size === 0) return;
    const batchId = createHash('sha256').update(batchKey).digest('base64url').slice(0, 32);
    let outcome;
    try {
      outcome = await this.store.append(batchId, byDestination, this.config.log_routing.buffer_max_entries, this.clock.now().getTime());
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not buffer logs', { cause: (err as Error).message });
    }
    if (outcome.kind === 'full') {
      throw new DomainError('LOG_DESTINATION_FAILED', `log destination ${outcome.destination} has ${this.config.log_routing.buffer_max_entries} undelivered entries; the agent keeps its logs and retries`);
    }
    if (outcome.kind === 'buffered') for (const [name, records] of byDestination) this.buffered.inc({ destination: name }, records.length);
  }
}
