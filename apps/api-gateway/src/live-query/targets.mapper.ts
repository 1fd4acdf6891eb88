import type { z } from 'zod';
import type { targetsCountResponseSchema, targetsSearchResponseSchema } from '@fleet/contracts';
import type { ResolvedTargets } from '@fleet/domain';
import { toHostDto } from '../hosts/host.mapper';
import { rfc3339 } from '../core/time.mapper';
import type { TargetSearch } from './targets.service';

/** Fleet's target counts of a selection. */
export function toTargetCounts(c: ResolvedTargets): z.input<typeof targetsCountResponseSchema> {
  return { targets_count: c.hosts.length, targets_online: c.online, targets_offline: c.offline, targets_missing_in_action: c.missing };
}

const agentOptionsOf = (config: Record<string, unknown>): Record<string, unknown> | null => {
  const v = config['agent_options'];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
};

/** Fleet's target search answer: matching hosts, labels and teams, and the counts of the current selection. */
export function toTargetSearch(r: TargetSearch): z.input<typeof targetsSearchResponseSchema> {
  return {
    targets: {
      hosts: r.hosts.map((h) => toHostDto(h, r.now)),
      labels: r.labels.map((l) => ({
        created_at: rfc3339(l.createdAt), updated_at: rfc3339(l.updatedAt), id: l.id, name: l.name, description: l.description, query: l.query,
        label_type: l.builtin ? 'builtin' : 'regular', label_membership_type: l.manual ? 'manual' : 'dynamic',
        host_count: l.hostCount, count: l.hostCount, display_text: l.name })),
      teams: r.teams.map((t) => ({
        id: t.id, created_at: rfc3339(t.createdAt), name: t.name, description: t.description, agent_options: agentOptionsOf(t.config),
        user_count: t.userCount, host_count: t.hostCount, display_text: t.name, count: t.hostCount })),
    },
    ...toTargetCounts(r.counts),
  };
}
