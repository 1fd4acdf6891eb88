import type { z } from 'zod';
import type { targetsCountResponseSchema, targetsSearchResponseSchema } from '@fleet/contracts';
import type { ResolvedTargets } from '@fleet/domain';
import type { TargetSearch } from './targets.service';

/** Fleet's target counts of a selection. */
export function toTargetCounts(c: ResolvedTargets): z.input<typeof targetsCountResponseSchema> {
  return { targets_count: c.hosts.length, targets_online: c.online, targets_offline: c.offline, targets_missing_in_action: c.missing };
}

/** Fleet's target search answer: matching hosts, labels and teams, and the counts of the current selection. */
export function toTargetSearch(r: TargetSearch): z.input<typeof targetsSearchResponseSchema> {
  return {
    targets: {
      hosts: r.hosts.map((h) => ({ id: h.id, hostname: h.hostname, display_name: h.hostname, team_id: h.teamId, status: h.status })),
      labels: r.labels.map((l) => ({ id: l.id, name: l.name, description: l.description, label_type: l.builtin ? 'builtin' : 'regular',
        host_count: l.hostCount, count: l.hostCount, display_text: l.name })),
      teams: r.teams.map((t) => ({ id: t.id, name: t.name, description: t.description, host_count: t.hostCount, display_text: t.name })),
    },
    ...toTargetCounts(r.counts),
  };
}
