import { intervalsKey } from '@fleet/domain';
import type { AgentHost } from '@fleet/domain';
import { epochMs, text } from './sql-values';

/** The `hosts` columns an agent request needs, as read by the node-key lookup and by enrollment. */
export const AGENT_HOST_COLUMNS = `id, node_key, osquery_host_id, team_id, platform, hostname, refetch_requested,
  detail_updated_at, label_updated_at, policy_updated_at, last_enrolled_at, distributed_interval, config_tls_refresh, logger_tls_period`;

export type HostRow = Record<string, unknown>;

export function toAgentHost(row: HostRow): AgentHost {
  return {
    id: Number(row['id']),
    nodeKey: text(row['node_key']),
    osqueryHostId: text(row['osquery_host_id']),
    teamId: row['team_id'] === null ? null : Number(row['team_id']),
    platform: text(row['platform']),
    hostname: text(row['hostname']),
    refetchRequested: Boolean(Number(row['refetch_requested'])),
    detailUpdatedAt: epochMs(row['detail_updated_at']),
    labelUpdatedAt: epochMs(row['label_updated_at']),
    policyUpdatedAt: epochMs(row['policy_updated_at']),
    lastEnrolledAt: epochMs(row['last_enrolled_at']),
    intervals: intervalsKey({ distributed: Number(row['distributed_interval']), configRefresh: Number(row['config_tls_refresh']), loggerPeriod: Number(row['logger_tls_period']) }),
  };
}
