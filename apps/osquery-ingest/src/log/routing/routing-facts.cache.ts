import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@fleet/domain';
import { LogRoutingFactsRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

/** Team names and host labels are re-read at most this often: a membership change routes by its new value within it. */
export const ROUTING_FACTS_TTL_MS = 60_000;
const MAX_HOSTS = 200_000;

/**
 * What routing rules need beyond the agent's host record (team names, label names), held in the process.
 * Only consulted when some rule names a team by name or a label (routingNeeds), so routing by log type,
 * query, pack, team id or platform costs no lookup.
 */
@Injectable()
export class RoutingFactsCache {
  private teams: { at: number; names: Map<number, string> } | undefined;
  private readonly labels = new Map<number, { at: number; names: string[] }>();
  private readonly hostFacts = new Map<number, { at: number; facts: { teamId: number | null; platform: string; osqueryHostId: string } | null }>();

  constructor(private readonly repo: LogRoutingFactsRepository, @Inject(CLOCK) private readonly clock: Clock) {}

  async teamName(teamId: number | null): Promise<string | null> {
    if (teamId === null) return null;
    const now = this.clock.now().getTime();
    if (!this.teams || now - this.teams.at > ROUTING_FACTS_TTL_MS) this.teams = { at: now, names: await this.repo.teamNames() };
    return this.teams.names.get(teamId) ?? null;
  }

  async labelNames(hostId: number): Promise<readonly string[]> {
    const now = this.clock.now().getTime();
    const hit = this.labels.get(hostId);
    if (hit && now - hit.at <= ROUTING_FACTS_TTL_MS) return hit.names;
    const names = (await this.repo.labelNames([hostId])).get(hostId) ?? [];
    if (this.labels.size >= MAX_HOSTS) this.labels.clear();
    this.labels.set(hostId, { at: now, names });
    return names;
  }

  /** A host's team, platform and osquery identifier (for live-query answers, which arrive without the host record); null for an unknown id. */
  async host(hostId: number): Promise<{ teamId: number | null; platform: string; osqueryHostId: string } | null> {
    const now = this.clock.now().getTime();
    const hit = this.hostFacts.get(hostId);
    if (hit && now - hit.at <= ROUTING_FACTS_TTL_MS) return hit.facts;
    const facts = (await this.repo.hosts([hostId])).get(hostId) ?? null;
    if (this.hostFacts.size >= MAX_HOSTS) this.hostFacts.clear();
    this.hostFacts.set(hostId, { at: now, facts });
    return facts;
  }
}
