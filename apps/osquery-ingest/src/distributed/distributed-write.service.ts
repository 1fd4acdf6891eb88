import { Inject, Injectable } from '@nestjs/common';
import type { DistributedWriteRequest, HostWriteMessage } from '@fleet/contracts';
import { detailQueryByName, parseQueryName } from '@fleet/domain';
import type { AgentHost, HostUser, HostVitalsPatch, SoftwareItem } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { HostWriteQueue } from '../writer/host-write.queue';
import { LiveQueryWriter } from './live-query.writer';
import type { LiveQueryAnswer } from './live-query.writer';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Processing of distributed/write (protocol §5.6). Live-query answers go to their campaign streams; host
 * vitals, software, users, label and policy results become one queued host write. The agent is answered
 * only after both are in Redis. A failed query (non-zero status) keeps prior values: it never clears
 * vitals, and its label or policy result is "unknown" rather than "no".
 */
@Injectable()
export class DistributedWriteService {
  constructor(
    private readonly queue: HostWriteQueue,
    private readonly live: LiveQueryWriter,
    private readonly hostCache: HostCacheStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async write(host: AgentHost, req: DistributedWriteRequest, publicIp: string): Promise<void> {
    const now = Date.now();
    const write: Mutable<HostWriteMessage> = { hostId: host.id, at: now };
    const vitals: HostVitalsPatch = {};
    let software: SoftwareItem[] | undefined;
    let users: HostUser[] | undefined;
    const labels: Record<string, boolean | null> = {};
    const policies: Record<string, boolean | null> = {};
    const answers: LiveQueryAnswer[] = [];

    for (const [name, rows] of Object.entries(req.queries)) {
      const failed = (req.statuses[name] ?? 0) !== 0;
      const parsed = parseQueryName(name);
      switch (parsed.kind) {
        case 'distributed': {
          const message = req.messages[name];
          answers.push({ campaignId: parsed.id, hostId: host.id, hostname: host.hostname, rows, error: failed ? message || 'query failed' : null, stats: req.stats[name] ?? {} });
          break;
        }
        case 'label':
          labels[parsed.id] = failed ? null : rows.length > 0;
          break;
        case 'policy':
          policies[parsed.id] = failed ? null : rows.length > 0;
          break;
        case 'no_policies_wildcard':
          write.policiesRan = true;
          break;
        case 'detail': {
          const query = detailQueryByName(parsed.key);
          if (failed || !query) break;
          const result = query.ingest(rows);
          if (result.problems.length > 0) this.logger.debug({ host_id: host.id, problems: result.problems.slice(0, 5) }, 'detail query data problems');
          switch (result.kind) {
            case 'vitals':
              Object.assign(vitals, result.patch);
              write.detailUpdated = true;
              break;
            case 'software':
              software = [...result.software];
              break;
            case 'users':
              users = [...result.users];
              break;
          }
          break;
        }
        case 'additional':
        case 'unknown':
          break;
      }
    }
    if (Object.keys(vitals).length > 0) write.vitals = vitals as HostWriteMessage['vitals'];
    if (software) write.software = software as unknown as HostWriteMessage['software'];
    if (users) write.users = users;
    if (Object.keys(labels).length > 0) Object.assign(write, { labels, labelsRan: true });
    if (Object.keys(policies).length > 0) Object.assign(write, { policies, policiesRan: true });
    if (host.refetchRequested) write.refetchCleared = true;
    if (publicIp) write.publicIp = publicIp;

    await this.live.append(answers, now);
    const hasData = write.detailUpdated || software || users || write.labelsRan || write.policiesRan || write.refetchCleared;
    if (hasData) await this.queue.enqueue(write);
    await this.updateCache(host, write, vitals);
  }

  /** The cached host reflects the write at once, so the next read does not ask again before MySQL catches up. */
  private async updateCache(host: AgentHost, write: HostWriteMessage, vitals: HostVitalsPatch): Promise<void> {
    const fields: Partial<Record<keyof AgentHost, string | number | boolean>> = {};
    if (write.detailUpdated) fields.detailUpdatedAt = write.at;
    if (write.labelsRan) fields.labelUpdatedAt = write.at;
    if (write.policiesRan) fields.policyUpdatedAt = write.at;
    if (write.refetchCleared) fields.refetchRequested = false;
    if (vitals.platform) fields.platform = vitals.platform;
    if (vitals.hostname) fields.hostname = vitals.hostname;
    await this.hostCache.update(host.nodeKey, fields).catch((err: unknown) => {
      this.logger.warn({ err: (err as Error).message }, 'host cache not updated');
    });
  }
}
