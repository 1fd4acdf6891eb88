import { Inject, Injectable } from '@nestjs/common';
import { authorize, authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock } from '@fleet/domain';
import { HostSummaryRepository, LabelRepository } from '@fleet/persistence';
import type { HostSummary, LabelRecord } from '@fleet/persistence';
import { CLOCK } from '../core/gateway.providers';

/** `/host_summary`: counts by status and platform within the caller's teams, plus the built-in labels. */
@Injectable()
export class HostSummaryService {
  constructor(
    private readonly summaries: HostSummaryRepository,
    private readonly labels: LabelRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(caller: Caller, teamId: number | undefined, platform: string | undefined): Promise<{ summary: HostSummary; builtins: LabelRecord[] }> {
    if (teamId !== undefined && teamId > 0) authorize(caller, 'host:read', { teamId });
    const scope = authorizeScope(caller, 'host:read');
    const [summary, builtins] = await Promise.all([this.summaries.summary(scope, teamId, platform, this.clock.now()), this.labels.builtins()]);
    return { summary, builtins };
  }
}
