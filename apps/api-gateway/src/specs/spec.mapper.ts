import type { Label, SavedQuery } from '@fleet/domain';

/** A saved query as `fleetctl get queries` prints it; `team` is the team's name, '' for a global query. */
export function toQuerySpec(q: SavedQuery, team: string) {
  return {
    name: q.name, description: q.description, query: q.query, team, interval: q.interval, observer_can_run: q.observerCanRun,
    platform: q.platform, min_osquery_version: q.minOsqueryVersion, automations_enabled: q.automationsEnabled, logging: q.logging, discard_data: q.discardData,
  };
}

/** A label as `fleetctl get labels` prints it; `hosts` only for a manual label. */
export function toLabelSpec(l: Label, hosts: readonly string[] | null) {
  return {
    id: l.id, name: l.name, description: l.description, query: l.query, platform: l.platform, label_type: l.builtin ? 'builtin' as const : 'regular' as const,
    label_membership_type: l.manual ? 'manual' as const : 'dynamic' as const, ...(hosts ? { hosts: [...hosts] } : {}),
  };
}
