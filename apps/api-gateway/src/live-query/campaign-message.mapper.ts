import type { CampaignDto } from '@fleet/contracts';
import type { Campaign, ResolvedTargets } from '@fleet/domain';
import type { CampaignEvent } from '@fleet/messaging';
import { rfc3339 } from '../core/time.mapper';

/** Fleet's websocket message: `{"type": ..., "data": ...}` (fleet-admin-api.md §1.6). */
export interface FleetMessage {
  readonly type: 'totals' | 'status' | 'result' | 'error';
  readonly data: unknown;
}

/** Fleet's numeric campaign status: 0 waiting, 1 running, 2 finished (stopped and timed out included). */
function statusCode(s: Campaign['status']): 0 | 1 | 2 {
  switch (s) {
    case 'waiting': return 0;
    case 'running': return 1;
    case 'completed':
    case 'stopped':
    case 'timed_out': return 2;
  }
}

export function toCampaignDto(c: Campaign, t: ResolvedTargets): CampaignDto {
  return {
    id: c.id, query_id: c.queryId, status: statusCode(c.status), user_id: c.userId, created_at: rfc3339(c.createdAt), updated_at: rfc3339(c.updatedAt),
    Metrics: { TotalHosts: t.hosts.length, OnlineHosts: t.online, OfflineHosts: t.offline, MissingInActionHosts: t.missing, NewHosts: 0 },
  };
}

/**
 * A stream entry as Fleet's clients expect it: results get `host` and every row `host_hostname` and
 * `host_display_name` (null values dropped, as Fleet does); status and totals keep Fleet's field names only.
 */
export function toFleetMessage(campaignId: number, e: CampaignEvent): FleetMessage {
  switch (e.type) {
    case 'totals':
      return { type: 'totals', data: { count: e.count, online: e.online, offline: e.offline, missing_in_action: e.missing_in_action } };
    case 'status':
      return { type: 'status', data: { expected_results: e.expected_results, actual_results: e.actual_results, status: e.status } };
    case 'result': {
      const rows = e.rows.map((r) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) if (v !== null) out[k] = v;
        return { ...out, host_hostname: e.hostname, host_display_name: e.hostname };
      });
      return {
        type: 'result',
        data: { distributed_query_execution_id: campaignId, host: { id: e.host_id, hostname: e.hostname, display_name: e.hostname }, rows, error: e.error, stats: e.stats ?? null },
      };
    }
  }
}
