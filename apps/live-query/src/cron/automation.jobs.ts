import { Inject, Injectable } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import { parseDuration } from '@fleet/config';
import type { Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { ALL_TEAMS, AppConfigRepository, MaintenanceRepository, TeamRepository, UNPAGED } from '@fleet/persistence';
import type { HostGroup } from '@fleet/persistence';
import { LOGGER, postJson } from '@fleet/platform';
import { LIVE_QUERY_CLOCK } from '../campaigns/campaign-supervisor';
import type { CronJob } from './cron.job';
import { CRON_SETTINGS } from './cron.settings';
import type { CronSettings } from './cron.settings';

export const OUTBOUND_DISPATCHER = Symbol('OUTBOUND_DISPATCHER');

const DAY_MS = 24 * 3600_000;
const DEFAULT_INTERVAL_MS = DAY_MS;

/** `webhook_settings.host_status_webhook` once validated; null when it is off or incomplete. */
export interface HostStatusWebhook {
  readonly url: string;
  readonly percentage: number;
  readonly days: number;
}

export function hostStatusWebhookOf(webhookSettings: unknown): HostStatusWebhook | null {
  const w = ((webhookSettings ?? {}) as Record<string, unknown>)['host_status_webhook'] as Record<string, unknown> | undefined;
  if (!w || w['enable_host_status_webhook'] !== true) return null;
  const url = typeof w['destination_url'] === 'string' ? w['destination_url'] : '';
  const percentage = Number(w['host_percentage'] ?? 0);
  const days = Number(w['days_count'] ?? 0);
  return url && Number.isFinite(percentage) && Number.isFinite(days) && days > 0 ? { url, percentage, days } : null;
}

/** Fleet's message and payload for the host status webhook. */
export function hostStatusPayload(w: HostStatusWebhook, total: number, unseenIds: readonly number[], teamId: number | null): Record<string, unknown> {
  const pct = (unseenIds.length / total) * 100;
  return {
    text: `More than ${pct.toFixed(2)}% of your hosts have not checked into Fleet for more than ${w.days} days. `
      + "You've been sent this message because the Host status webhook is enabled in your Fleet instance.",
    data: { unseen_hosts: unseenIds.length, total_hosts: total, days_unseen: w.days, host_ids: unseenIds, ...(teamId === null ? {} : { team_id: teamId }) },
  };
}

/** The jobs of `automations`: the organisation's and each team's host status webhook. */
@Injectable()
export class AutomationJobs {
  constructor(
    private readonly maintenance: MaintenanceRepository,
    private readonly teams: TeamRepository,
    private readonly appConfig: AppConfigRepository,
    @Inject(OUTBOUND_DISPATCHER) private readonly dispatcher: Dispatcher,
    @Inject(CRON_SETTINGS) private readonly settings: CronSettings,
    @Inject(LIVE_QUERY_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  jobs(): CronJob[] {
    return [{ name: 'host_status_webhook', run: () => this.hostStatusWebhooks() }];
  }

  /** The organisation's `webhook_settings.interval` (a Go duration such as `24h0m0s`), unless settings fix it. */
  async intervalMs(): Promise<number> {
    if (this.settings.automationsIntervalMs !== undefined) return this.settings.automationsIntervalMs;
    const interval = ((await this.appConfig.get())['webhook_settings'] as Record<string, unknown> | undefined)?.['interval'];
    const ms = typeof interval === 'string' ? parseDuration(interval) : undefined;
    return ms !== undefined && ms > 0 ? ms : DEFAULT_INTERVAL_MS;
  }

  /**
   * Posts when at least `host_percentage` % of the hosts have not checked in for `days_count` days. Every
   * destination is tried; the failures are reported together so the run records them, and the next run
   * posts again (the condition is re-evaluated, so nothing is lost by a destination being down).
   */
  private async hostStatusWebhooks(): Promise<void> {
    const targets: Array<{ w: HostStatusWebhook; group: HostGroup; teamId: number | null }> = [];
    const global = hostStatusWebhookOf((await this.appConfig.get())['webhook_settings']);
    if (global) targets.push({ w: global, group: { kind: 'all' }, teamId: null });
    for (const t of (await this.teams.list(ALL_TEAMS, UNPAGED)).items) {
      const w = hostStatusWebhookOf(t.config['webhook_settings']);
      if (w) targets.push({ w, group: { kind: 'team', teamId: t.id }, teamId: t.id });
    }
    const failures: string[] = [];
    for (const { w, group, teamId } of targets) {
      const { total, unseenIds } = await this.maintenance.unseenSummary(group, new Date(this.clock.now().getTime() - w.days * DAY_MS));
      if (total === 0 || (unseenIds.length / total) * 100 < w.percentage) continue;
      try {
        await postJson(this.dispatcher, w.url, JSON.stringify(hostStatusPayload(w, total, unseenIds, teamId)), this.settings.webhookTimeoutMs);
        this.logger.info({ team_id: teamId, unseen_hosts: unseenIds.length, total_hosts: total }, 'cron: host status webhook sent');
      } catch (err) {
        failures.push(`${teamId === null ? 'global' : `team ${teamId}`}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`host status webhook: ${failures.join('; ')}`);
  }
}
