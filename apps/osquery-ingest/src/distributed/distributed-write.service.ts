import { Inject, Injectable } from '@nestjs/common';
import type { DistributedWriteRequest } from '@fleet/contracts';
import type { AgentHost, Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { CLOCK, LOGGER } from '@fleet/platform';
import { LocalHostCacheLifecycle } from '../auth/local-host-cache.provider';
import { HostWriteQueue } from '../writer/host-write.queue';
import { WorkSlicer } from '../slicing/work-slicer';
import { DistributedWritePlanner } from './distributed-write.plan';
import { LiveQueryWriter } from './live-query.writer';

/**
 * Processing of distributed/write (protocol §5.6; what each query becomes is `planDistributedWrite`'s).
 * Live-query answers go to their campaign streams; host vitals, software, users, label and policy results
 * become one queued host write. The agent is answered only after both are in Redis. The queries are planned
 * one by one in slices (WorkSlicer), so a write with thousands of them does not hold the event loop.
 */
@Injectable()
export class DistributedWriteService {
  constructor(
    private readonly queue: HostWriteQueue,
    private readonly live: LiveQueryWriter,
    private readonly local: LocalHostCacheLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async write(host: AgentHost, req: DistributedWriteRequest, publicIp: string, slicer = new WorkSlicer()): Promise<void> {
    const now = this.clock.now().getTime();
    const planner = new DistributedWritePlanner(host, req, publicIp, now);
    for (const [name, rows] of Object.entries(req.queries)) {
      planner.add(name, rows);
      await slicer.turn();
    }
    const plan = planner.finish();
    if (plan.problems.length > 0) this.logger.debug({ host_id: host.id, problems: plan.problems.slice(0, 5) }, 'detail query data problems');
    await this.live.append(plan.answers, now);
    if (plan.write) await this.queue.enqueue(plan.write);
    // The next read does not ask the same detail, label or policy queries again before MySQL catches up.
    this.local.patchHost(host.nodeKey, plan.cachePatch);
  }
}
