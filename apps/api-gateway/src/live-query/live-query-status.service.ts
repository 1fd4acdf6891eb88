import { Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { CampaignResultsFeed } from '@fleet/messaging';
import { AppConfigRepository } from '@fleet/persistence';

export const LIVE_QUERY_DISABLED_REASON = 'disabled by administrator';

/**
 * Whether live queries can run: the organisation's `server_settings.live_query_disabled` switch and the
 * Redis that carries campaigns and their results (Fleet's `/status/live_query` and `/status/result_store`).
 */
@Injectable()
export class LiveQueryStatusService {
  constructor(private readonly appConfig: AppConfigRepository, private readonly results: CampaignResultsFeed) {}

  /** Throws 403 "disabled by administrator" while an admin has switched live queries off. */
  async assertEnabled(): Promise<void> {
    const settings = (await this.appConfig.get())['server_settings'] as Record<string, unknown> | undefined;
    if (settings?.['live_query_disabled'] === true) throw new AdminError(AdminErrorCode.LIVE_QUERY_DISABLED, LIVE_QUERY_DISABLED_REASON);
  }

  async liveQuery(caller: Caller): Promise<void> {
    authorize(caller, 'status:read', { teamId: null });
    await this.assertEnabled();
    await this.resultStoreAnswers();
  }

  async resultStore(caller: Caller): Promise<void> {
    authorize(caller, 'status:read', { teamId: null });
    await this.resultStoreAnswers();
  }

  private async resultStoreAnswers(): Promise<void> {
    try {
      await this.results.ping();
    } catch (err) {
      throw new AdminError(AdminErrorCode.DEPENDENCY_UNAVAILABLE, `result store unavailable: ${(err as Error).message}`);
    }
  }
}
