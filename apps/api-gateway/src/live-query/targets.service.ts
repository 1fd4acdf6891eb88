import { Inject, Injectable } from '@nestjs/common';
import { authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { UNPAGED } from '@fleet/domain';
import type { Clock, Host, Label, ResolvedTargets, TargetSelection, Team } from '@fleet/domain';
import { HostRepository, LabelRepository, LiveQueryTargetRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

const SEARCH_LIMIT = 10;

export interface TargetSearch {
  readonly hosts: readonly Host[];
  readonly labels: readonly Label[];
  readonly teams: readonly Team[];
  readonly counts: ResolvedTargets;
  /** When the hosts' statuses were worked out. */
  readonly now: Date;
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
    private readonly hosts: HostRepository,
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
    // Fleet answers full host objects: the matches are read again as the host list reads them (at most SEARCH_LIMIT).
    const ids = hosts.filter((h) => !selection.hostIds.includes(h.id)).map((h) => h.id);
    const full = new Map((await this.hosts.findMany(scope, ids)).map((h) => [h.id, h]));
    return {
      hosts: ids.flatMap((id) => full.get(id) ?? []),
      labels: labels.items.filter((l) => matches(l.name) && !selection.labelIds.includes(l.id)),
      teams: teams.items.filter((t) => matches(t.name) && !selection.teamIds.includes(t.id)),
      counts,
      now,
    };
  }
}
