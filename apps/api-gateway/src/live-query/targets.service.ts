import { Inject, Injectable } from '@nestjs/common';
import { authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { UNPAGED } from '@fleet/domain';
import type { Clock, ResolvedTargets, TargetHost, TargetSelection } from '@fleet/domain';
import { LabelRepository, LiveQueryTargetRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

const SEARCH_LIMIT = 10;

export interface TargetSearch {
  readonly hosts: readonly TargetHost[];
  readonly labels: ReadonlyArray<{ id: number; name: string; description: string; hostCount: number; builtin: boolean }>;
  readonly teams: ReadonlyArray<{ id: number; name: string; description: string; hostCount: number }>;
  readonly counts: ResolvedTargets;
}

/**
 * Target search and counts for the live-query screen (fleet-admin-api.md §1.6 /targets). A read: every
 * caller who may read hosts may search, and sees only hosts (and counts) of the teams they may read.
 */
@Injectable()
export class TargetsService {
  constructor(
    private readonly targets: LiveQueryTargetRepository,
    private readonly labels: LabelRepository,
    private readonly teams: TeamRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async count(caller: Caller, selection: TargetSelection): Promise<ResolvedTargets> {
    const scope = authorizeScope(caller, 'host:read');
    return this.targets.resolve(scope, selection, this.clock.now());
  }

  async search(caller: Caller, text: string, selection: TargetSelection): Promise<TargetSearch> {
    const scope = authorizeScope(caller, 'host:read');
    const now = this.clock.now();
    const needle = text.trim().toLowerCase();
    const [hosts, labels, teams, counts] = await Promise.all([
      needle ? this.targets.searchHosts(scope, needle, SEARCH_LIMIT, now) : Promise.resolve([]),
      this.labels.list(UNPAGED, scope),
      this.teams.list(scope, UNPAGED),
      this.targets.resolve(scope, selection, now),
    ]);
    const matches = (name: string): boolean => name.toLowerCase().includes(needle);
    return {
      hosts: hosts.filter((h) => !selection.hostIds.includes(h.id)),
      labels: labels.items.filter((l) => matches(l.name) && !selection.labelIds.includes(l.id))
        .map((l) => ({ id: l.id, name: l.name, description: l.description, hostCount: l.hostCount, builtin: l.builtin })),
      teams: teams.items.filter((t) => matches(t.name) && !selection.teamIds.includes(t.id))
        .map((t) => ({ id: t.id, name: t.name, description: t.description, hostCount: t.hostCount })),
      counts,
    };
  }
}
