import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Clock, HostGroup } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { ActivityRepository, AppConfigRepository, CronStatsRepository, HostRepository, MaintenanceRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import type { CronJob } from './cron.job';
import { loadSettings, scopedSettings } from './settings-scopes';

const DAY_MS = 24 * 3600_000;
/** Hosts deleted per transaction by the expiry, so a large expiry never holds long locks. */
const EXPIRY_BATCH = 500;

/** `host_expiry_settings` of the organisation or a team; expiry needs both the switch and a positive window. */
export function expiryWindowDays(settings: unknown): number | null {
  const s = (settings ?? {}) as Record<string, unknown>;
  const days = Number(s['host_expiry_window'] ?? 0);
  return s['host_expiry_enabled'] === true && Number.isFinite(days) && days > 0 ? days : null;
}

/** The jobs of `cleanups_then_aggregation`. */
@Injectable()
export class CleanupJobs {
  constructor(
    private readonly maintenance: MaintenanceRepository,
    private readonly hosts: HostRepository,
    private readonly teams: TeamRepository,
    private readonly appConfig: AppConfigRepository,
    private readonly activities: ActivityRepository,
    private readonly runs: CronStatsRepository,
    private readonly hostCache: HostCacheStore,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  jobs(): CronJob[] {
    return [
      { name: 'expired_sessions', run: () => this.expireSessions() },
      { name: 'expired_hosts', run: () => this.expireHosts() },
      { name: 'cron_stats_retention', run: () => this.pruneRuns() },
    ];
  }

  /** Sessions idle longer than `session.duration` can no longer log in; their rows go. */
  private async expireSessions(): Promise<void> {
    const n = await this.maintenance.deleteIdleSessions(new Date(this.clock.now().getTime() - this.config.session.duration));
    if (n > 0) this.logger.info({ sessions: n }, 'cron: deleted idle sessions');
  }

  /**
   * Fleet's host expiry: hosts not seen for `host_expiry_window` days are deleted, each with a `deleted_host`
   * activity (`triggered_by: expiration`). A team with its own expiry enabled uses its window for its hosts;
   * the organisation's setting covers every other host.
   */
  private async expireHosts(): Promise<void> {
    const windows = scopedSettings(await loadSettings(this.appConfig, this.teams), 'host_expiry_settings', expiryWindowDays);
    const ownWindow = windows.flatMap((w) => (w.teamId === null ? [] : [w.teamId]));
    for (const { teamId, value: days } of windows) {
      await this.expireGroup(teamId === null ? { kind: 'global', exceptTeams: ownWindow } : { kind: 'team', teamId }, days);
    }
  }

  private async expireGroup(group: HostGroup, days: number): Promise<void> {
    const before = new Date(this.clock.now().getTime() - days * DAY_MS);
    for (;;) {
      const batch = await this.maintenance.unseenHosts(group, before, EXPIRY_BATCH);
      if (batch.length === 0) return;
      await this.hosts.deleteMany(batch.map((h) => h.id));
      for (const h of batch) {
        await this.activities.record(null, 'deleted_host', {
          host_id: h.id, host_display_name: h.hostname, host_serial: h.serial, triggered_by: 'expiration', host_expiry_window: days,
        });
      }
      for (const h of batch) await this.hostCache.invalidate(h.id);
      this.logger.info({ hosts: batch.length, host_expiry_window: days }, 'cron: deleted expired hosts');
      if (batch.length < EXPIRY_BATCH) return;
    }
  }

  private async pruneRuns(): Promise<void> {
    await this.runs.prune(new Date(this.clock.now().getTime() - this.config.schedules.run_retention));
  }
}
