import { Inject, Injectable } from '@nestjs/common';
import { AGENT_STREAMS } from '@fleet/contracts';
import type { HostWriteMessage, QueryReportMessage, StreamContract, StreamPayload } from '@fleet/contracts';
import { DomainError, intervalsKeyWith } from '@fleet/domain';
import type { AgentHost, CheckInIntervals, Clock } from '@fleet/domain';
import { StreamProducer } from '@fleet/messaging';
import { CLOCK } from '@fleet/platform';

const MAX_REMEMBERED_INTERVALS = 500_000;

/**
 * Puts agent data on the Redis streams that the batch writer drains into MySQL. Resolves only when Redis
 * holds the entry; a Redis failure becomes an `error` answer so the agent keeps its data and retries.
 */
@Injectable()
export class HostWriteQueue {
  /** Interval triples already queued per host in this process, so a config fetch that changes nothing writes nothing. */
  private readonly knownIntervals = new Map<number, string>();

  constructor(
    private readonly producer: StreamProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async enqueue(write: HostWriteMessage): Promise<void> {
    await this.append(AGENT_STREAMS.hostWrites, write);
  }

  async enqueueReports(reports: QueryReportMessage[]): Promise<void> {
    if (reports.length === 0) return;
    await this.append(AGENT_STREAMS.queryReports, reports);
  }

  /**
   * Queues the intervals a config fetch sets for the host unless the host stores them already (or this process
   * queued them); resolves to what the host stores once they are written (AgentHost.intervals), or null. Best
   * effort: the intervals only refine the online status, so a Redis failure here must not keep the agent from
   * getting its config; they are queued again at the next config fetch.
   */
  async recordIntervals(host: AgentHost, intervals: Partial<CheckInIntervals>): Promise<string | null> {
    if (Object.keys(intervals).length === 0) return null;
    const key = intervalsKeyWith(host.intervals, intervals);
    if (host.intervals === key || this.knownIntervals.get(host.id) === key) return null;
    const queued = await this.enqueue({ hostId: host.id, at: this.clock.now().getTime(), intervals }).then(() => true, () => false);
    if (!queued) return null;
    if (this.knownIntervals.size >= MAX_REMEMBERED_INTERVALS) this.knownIntervals.clear();
    this.knownIntervals.set(host.id, key);
    return key;
  }

  private async append<C extends StreamContract>(stream: C, data: StreamPayload<C>): Promise<void> {
    try {
      await this.producer.append(stream, data, this.clock.now().getTime());
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not queue agent data', { cause: (err as Error).message });
    }
  }
}
