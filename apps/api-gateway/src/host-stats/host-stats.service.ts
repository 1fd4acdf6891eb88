import { Inject, Injectable } from '@nestjs/common';
import { authorize, authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HOST_STATUS_RANGES } from '@fleet/contracts';
import type { HostStatusRange } from '@fleet/contracts';
import { bucketSamples } from '@fleet/domain';
import type { Clock, HostStatusSample } from '@fleet/domain';
import { HostStatsRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

const HOUR_MS = 3600_000;

/** The dashboard's history of online hosts, within the caller's teams. */
@Injectable()
export class HostStatsService {
  constructor(private readonly stats: HostStatsRepository, @Inject(CLOCK) private readonly clock: Clock) {}

  /**
   * The recorded online/total counts of the range, summed over the caller's teams (or `teamId`); 7d is
   * averaged per hour so the answer stays small whatever the recording interval.
   */
  async onlineHistory(caller: Caller, teamId: number | undefined, range: HostStatusRange): Promise<{ bucketSeconds: number; points: HostStatusSample[] }> {
    if (teamId !== undefined && teamId > 0) authorize(caller, 'host:read', { teamId });
    const scope = authorizeScope(caller, 'host:read');
    const { hours, bucketMinutes } = HOST_STATUS_RANGES[range];
    const samples = await this.stats.statusSamples(scope, teamId, new Date(this.clock.now().getTime() - hours * HOUR_MS));
    return { bucketSeconds: bucketMinutes * 60, points: bucketMinutes ? bucketSamples(samples, bucketMinutes * 60_000) : samples };
  }
}
