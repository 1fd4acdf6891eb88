import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import {
  campaignQueryName, detailQueriesFor, detailQueryName, isRefreshDue, labelQueryName, NO_POLICIES_WILDCARD,
  platformFamily, policyQueryName, stableJitterFraction,
} from '@fleet/domain';
import { CLOCK } from '@fleet/platform';
import { AgentCatalogCache } from '../config/agent-catalog.cache';
import { LiveQueryReader } from './live-query.reader';
import type { AgentCatalog, AgentHost, Clock } from '@fleet/domain';

export interface DistributedReadResponse {
  queries: Record<string, string>;
  discovery: Record<string, string>;
  accelerate?: number;
}

const features = (catalog: AgentCatalog): { softwareInventory: boolean; hostUsers: boolean } => {
  const f = (catalog.appConfig['features'] ?? {}) as Record<string, unknown>;
  return { softwareInventory: f['enable_software_inventory'] !== false, hostUsers: f['enable_host_users'] !== false };
};

/** A policy's `platforms` is a comma list of families ("darwin,linux"); empty means every platform. */
function policyApplies(platforms: string, family: string | null): boolean {
  if (!platforms.trim()) return true;
  return family !== null && platforms.split(',').map((p) => p.trim()).includes(family);
}

/**
 * What a host is asked on distributed/read (protocol §5.5): detail queries when its vitals are stale or a
 * refetch was requested, label and policy queries when those are stale, and every live query targeting it.
 * Every query gets a discovery entry that cannot fail (`SELECT 1` unless the query has its own).
 */
@Injectable()
export class DistributedReadService {
  constructor(
    private readonly catalogs: AgentCatalogCache,
    private readonly liveQueries: LiveQueryReader,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(host: AgentHost): Promise<DistributedReadResponse> {
    const now = this.clock.now();
    const o = this.config.osquery;
    const jitter = stableJitterFraction(host.id);
    const due = (at: number, interval: number): boolean => host.refetchRequested || isRefreshDue(new Date(at), now, interval, o.max_jitter_percent, jitter);
    const queries: Record<string, string> = {};
    const discovery: Record<string, string> = {};
    const add = (name: string, sql: string, disc = 'SELECT 1'): void => {
      if (!sql.trim()) return;
      queries[name] = sql;
      discovery[name] = disc;
    };
    const detailDue = due(host.detailUpdatedAt, o.detail_update_interval);
    const labelDue = due(host.labelUpdatedAt, o.label_update_interval);
    const policyDue = due(host.policyUpdatedAt, o.policy_update_interval);
    if (detailDue || labelDue || policyDue) {
      const catalog = await this.catalogs.get();
      if (detailDue) for (const q of detailQueriesFor(host.platform || null, features(catalog))) add(detailQueryName(q.name), q.sql, q.discovery);
      if (labelDue) {
        for (const l of catalog.labels) if (!l.platform || l.platform === host.platform) add(labelQueryName(l.id), l.query);
      }
      if (policyDue) {
        const family = platformFamily(host.platform);
        const policies = catalog.policies.filter((p) => (p.teamId === null || p.teamId === host.teamId) && policyApplies(p.platforms, family));
        for (const p of policies) add(policyQueryName(p.id), p.query);
        if (policies.length === 0) add(NO_POLICIES_WILDCARD, 'SELECT 1');
      }
    }
    for (const [campaignId, sql] of await this.liveQueries.pendingFor(host.id)) add(campaignQueryName(campaignId), sql);
    const response: DistributedReadResponse = { queries, discovery };
    if (!host.hostname || !host.platform) response.accelerate = 10;
    return response;
  }
}
