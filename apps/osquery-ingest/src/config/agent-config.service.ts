import { Injectable } from '@nestjs/common';
import { AgentCatalogRepository } from '@fleet/persistence';
import { LocalHostCacheLifecycle } from '../auth/local-host-cache.provider';
import { HostWriteQueue } from '../writer/host-write.queue';
import { AgentCatalogCache } from './agent-catalog.cache';
import { agentConfigBase, configIntervals } from './agent-options';
import { buildPacks } from './schedule.builder';
import type { AgentHost } from '@fleet/domain';

/**
 * The osquery configuration of a host (protocol §3.3): agent options for its team and platform, plus the
 * scheduled queries and packs that apply to it. Never empty: with nothing configured, Fleet's defaults.
 * The intervals the config sets are stored on the host, since they decide when it counts as offline; a fetch
 * that gives the host the intervals it has stored writes nothing.
 */
@Injectable()
export class AgentConfigService {
  constructor(
    private readonly catalogs: AgentCatalogCache,
    private readonly repo: AgentCatalogRepository,
    private readonly writes: HostWriteQueue,
    private readonly local: LocalHostCacheLifecycle,
  ) {}

  async configFor(host: AgentHost): Promise<Record<string, unknown>> {
    const catalog = await this.catalogs.get();
    const teamConfig = host.teamId === null ? undefined : catalog.teamConfigs.get(host.teamId);
    const config = agentConfigBase(catalog.appConfig['agent_options'], teamConfig?.['agent_options'], host.platform);
    const needsLabels = catalog.packs.some((p) => p.labelIds.length > 0);
    const hostLabels = new Set(needsLabels ? await this.repo.labelIdsOfHost(host.id) : []);
    const packs = buildPacks(catalog, host, hostLabels);
    if (Object.keys(packs).length > 0) config['packs'] = packs;
    const stored = await this.writes.recordIntervals(host, configIntervals(config));
    if (stored !== null) this.local.patchHost(host.nodeKey, { intervals: stored });
    return config;
  }
}
