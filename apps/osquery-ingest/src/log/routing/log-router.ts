import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { LogRecord } from '@fleet/contracts';
import { routeLine, routingNeeds } from '@fleet/domain';
import type { LogLineFacts, LogRoute, RoutedLogType } from '@fleet/domain';
import { RoutingFactsCache } from './routing-facts.cache';

/** A line to route: its record and what its name says about the query and pack. */
export interface RoutableLine {
  readonly record: LogRecord;
  readonly queryName: string | null;
  readonly packName: string | null;
}

/** The host a line came from, as routing sees it. */
export interface RoutedHost {
  readonly id: number;
  readonly teamId: number | null;
  readonly platform: string;
}

/** A line's idempotency key: the same for the same host and line however often the agent sends it. */
export const logRecordId = (hostId: number, type: RoutedLogType, line: string): string =>
  createHash('sha256').update(`${hostId}\n${type}\n`).update(line).digest('base64url').slice(0, 32);

/**
 * Which named destinations (`log_routing.destinations`) each line goes to, by the domain's routing rules.
 * Host facts beyond the agent record (team name, labels) are looked up only when a rule needs them.
 */
@Injectable()
export class LogRouter {
  readonly routes: readonly LogRoute[];
  private readonly needs: ReturnType<typeof routingNeeds>;

  constructor(@Inject(FLEET_CONFIG) config: FleetConfig, private readonly facts: RoutingFactsCache) {
    this.routes = config.log_routing.destinations;
    this.needs = routingNeeds(this.routes);
  }

  /** True when some destination takes lines of this type: otherwise a caller skips building records. */
  takes(type: RoutedLogType): boolean {
    return this.routes.some((r) => r.log_types.includes(type));
  }

  /** Destination name → its records, in the order of `lines`. Destinations that get nothing are absent. */
  async route(host: RoutedHost, lines: readonly RoutableLine[]): Promise<Map<string, LogRecord[]>> {
    const out = new Map<string, LogRecord[]>();
    if (lines.length === 0 || this.routes.length === 0) return out;
    const teamName = this.needs.teamNames ? await this.facts.teamName(host.teamId) : null;
    const labels = this.needs.labels ? await this.facts.labelNames(host.id) : [];
    for (const l of lines) {
      const facts: LogLineFacts = { type: l.record.type, queryName: l.queryName, packName: l.packName, teamId: host.teamId, teamName, platform: host.platform, labels };
      for (const name of routeLine(this.routes, facts)) {
        const list = out.get(name);
        if (list) list.push(l.record);
        else out.set(name, [l.record]);
      }
    }
    return out;
  }
}
