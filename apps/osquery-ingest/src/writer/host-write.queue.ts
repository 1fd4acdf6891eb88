import { Inject, Injectable } from '@nestjs/common';
import { AGENT_STREAMS } from '@fleet/contracts';
import type { HostWriteMessage, QueryReportMessage } from '@fleet/contracts';
import { DomainError } from '@fleet/domain';
import { appendToStream } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { REDIS } from '@fleet/platform';
import type { AgentHost } from '@fleet/domain';

const MAX_REMEMBERED_INTERVALS = 500_000;

/**
 * Puts agent data on the Redis streams that the batch writer drains into MySQL. Resolves only when Redis
 * holds the entry; a Redis failure becomes an `error` answer so the agent keeps its data and retries.
 */
@Injectable()
export class HostWriteQueue {
  /** Interval triples already queued per host in this process, so a config fetch that changes nothing writes nothing. */
  private readonly knownIntervals = new Map<number, string>();

  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async enqueue(write: HostWriteMessage): Promise<void> {
    await this.append(AGENT_STREAMS.hostWrites.key, write);
  }

  async enqueueReports(reports: readonly QueryReportMessage[]): Promise<void> {
    if (reports.length === 0) return;
    await this.append(AGENT_STREAMS.queryReports.key, reports);
  }

  /**
   * Best effort: the intervals only refine the online status, so a Redis failure here must not keep the
   * agent from getting its config; they are queued again at the next config fetch.
   */
  async recordIntervals(host: AgentHost, intervals: NonNullable<HostWriteMessage['intervals']>): Promise<void> {
    const key = `${intervals.distributed}/${intervals.configRefresh}/${intervals.loggerPeriod}`;
    if (this.knownIntervals.get(host.id) === key) return;
    const queued = await this.enqueue({ hostId: host.id, at: Date.now(), intervals }).then(() => true, () => false);
    if (!queued) return;
    if (this.knownIntervals.size >= MAX_REMEMBERED_INTERVALS) this.knownIntervals.clear();
    this.knownIntervals.set(host.id, key);
  }

  private async append(key: string, data: unknown): Promise<void> {
    try {
      await appendToStream(this.redis, key, { v: 1, at: Date.now(), data });
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not queue agent data', { cause: (err as Error).message });
    }
  }
}
