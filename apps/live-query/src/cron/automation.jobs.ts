import { Inject, Injectable } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import { FLEET_CONFIG, parseDuration } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Clock } from '@fleet/domain';
import { cronKeys } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AppConfigRepository, MaintenanceRepository, PolicyRepository, TeamRepository } from '@fleet/persistence';
import type { HostGroup } from '@fleet/persistence';
import { CLOCK, LOGGER, REDIS, postJson } from '@fleet/platform';
import type { CronJob } from './cron.job';
import { batches, failingPoliciesWebhookOf, failingPolicyPayload } from './failing-policies.webhook';
import { loadSettings, scopedSettings } from './settings-scopes';

export const OUTBOUND_DISPATCHER = Symbol('OUTBOUND_DISPATCHER');

const DAY_MS = 24 * 3600_000;
const DEFAULT_INTERVAL_MS = DAY_MS;
/** A policy's reported-failing set outlives a missed run or two, then goes if the webhook was switched off. */
const REPORTED_TTL_SECONDS = 30 * 24 * 3600;

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

/** The jobs of `automations`: the organisation's and each team's host status and failing-policies webhooks. */
@Injectable()
export class AutomationJobs {
  constructor(
    private readonly maintenance: MaintenanceRepository,
    private readonly teams: TeamRepository,
    private readonly appConfig: AppConfigRepository,
    private readonly policies: PolicyRepository,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(OUTBOUND_DISPATCHER) private readonly dispatcher: Dispatcher,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  jobs(): CronJob[] {
    return [
      { name: 'host_status_webhook', run: () => this.hostStatusWebhooks() },
      { name: 'failing_policies_webhook', run: () => this.failingPoliciesWebhooks() },
    ];
  }

  /** The organisation's `webhook_settings.interval` (a Go duration such as `24h0m0s`), unless `schedules.automations_interval` fixes it. */
  async intervalMs(): Promise<number> {
    if (this.config.schedules.automations_interval > 0) return this.config.schedules.automations_interval;
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
    const failures: string[] = [];
    for (const { teamId, value: w } of scopedSettings(await loadSettings(this.appConfig, this.teams), 'webhook_settings', hostStatusWebhookOf)) {
      const group: HostGroup = teamId === null ? { kind: 'all' } : { kind: 'team', teamId };
      const { total, unseenIds } = await this.maintenance.unseenSummary(group, new Date(this.clock.now().getTime() - w.days * DAY_MS));
      if (total === 0 || (unseenIds.length / total) * 100 < w.percentage) continue;
      try {
        await postJson(this.dispatcher, w.url, JSON.stringify(hostStatusPayload(w, total, unseenIds, teamId)), this.config.schedules.webhook_timeout);
        this.logger.info({ team_id: teamId, unseen_hosts: unseenIds.length, total_hosts: total }, 'cron: host status webhook sent');
      } catch (err) {
        failures.push(`${teamId === null ? 'global' : `team ${teamId}`}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`host status webhook: ${failures.join('; ')}`);
  }

  /**
   * Fleet's failing-policies webhook: for each listed policy, the hosts that fail it and were not reported yet
   * (a host that passed in between is reported again), in POSTs of `host_batch_size` hosts. The reported set
   * is replaced only after every POST of the policy succeeded, so a destination that is down loses nothing:
   * the next run sends the same hosts again (delivery is at least once).
   */
  private async failingPoliciesWebhooks(): Promise<void> {
    const docs = await loadSettings(this.appConfig, this.teams);
    const configured = ((docs.org['server_settings'] ?? {}) as Record<string, unknown>)['server_url'];
    const serverUrl = (typeof configured === 'string' ? configured : '').replace(/\/+$/, '');
    const failures: string[] = [];
    for (const { teamId, value: w } of scopedSettings(docs, 'webhook_settings', failingPoliciesWebhookOf)) {
      for (const policyId of w.policyIds) {
        const policy = await this.policies.findById(policyId);
        // A team's webhook covers the team's own policies only; the organisation's covers global ones.
        if (!policy || policy.teamId !== teamId) continue;
        const failing = await this.maintenance.failingHosts(policyId);
        const key = cronKeys.reportedFailing(policyId);
        const reported = new Set(await this.redis.smembers(key));
        const fresh = failing.filter((h) => !reported.has(String(h.id)));
        try {
          for (const batch of batches(fresh, w.batchSize)) {
            await postJson(this.dispatcher, w.url, JSON.stringify(failingPolicyPayload(policy, batch, serverUrl, this.clock.now())), this.config.schedules.webhook_timeout);
          }
        } catch (err) {
          failures.push(`policy ${policyId}: ${(err as Error).message}`);
          continue;
        }
        const tx = this.redis.multi().del(key);
        if (failing.length > 0) tx.sadd(key, ...failing.map((h) => String(h.id))).expire(key, REPORTED_TTL_SECONDS);
        await tx.exec();
        if (fresh.length > 0) this.logger.info({ policy_id: policyId, hosts: fresh.length }, 'cron: failing policy webhook sent');
      }
    }
    if (failures.length > 0) throw new Error(`failing policies webhook: ${failures.join('; ')}`);
  }
}
