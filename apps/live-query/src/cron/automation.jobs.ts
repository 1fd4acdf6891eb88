import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG, parseDuration } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Clock, HostGroup } from '@fleet/domain';
import { WebhookStateStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AppConfigRepository, MaintenanceRepository, PolicyRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import type { CronJob } from './cron.job';
import { batches, failingPoliciesWebhookOf, failingPolicyPayload } from './failing-policies.webhook';
import { loadSettings, scopedSettings } from './settings-scopes';
import { WebhookDeliveries } from './webhook-deliveries';

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

/**
 * The jobs of `automations`: the organisation's and each team's host status and failing-policies webhooks.
 * A run decides what to send and queues one `webhook_delivery` job per POST (WebhookDeliveries); the queue
 * retries a POST that a destination refuses until it is taken, so a destination that is down misses
 * nothing and gets it within seconds of coming back instead of at the next run. A run's job fails only
 * when it cannot queue (Redis unreachable); then it records nothing as sent and the next run tries again.
 */
@Injectable()
export class AutomationJobs {
  constructor(
    private readonly maintenance: MaintenanceRepository,
    private readonly teams: TeamRepository,
    private readonly appConfig: AppConfigRepository,
    private readonly policies: PolicyRepository,
    private readonly webhookState: WebhookStateStore,
    private readonly deliveries: WebhookDeliveries,
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
   * Posts when at least `host_percentage` % of the hosts have not checked in for `days_count` days, once per
   * run (the condition is re-evaluated each run, as Fleet does). Every scope is tried; the scopes whose POST
   * could not be queued are reported together so the run records them.
   */
  private async hostStatusWebhooks(): Promise<void> {
    const failures: string[] = [];
    for (const { teamId, value: w } of scopedSettings(await loadSettings(this.appConfig, this.teams), 'webhook_settings', hostStatusWebhookOf)) {
      const group: HostGroup = teamId === null ? { kind: 'all' } : { kind: 'team', teamId };
      const { total, unseenIds } = await this.maintenance.unseenSummary(group, new Date(this.clock.now().getTime() - w.days * DAY_MS));
      if (total === 0 || (unseenIds.length / total) * 100 < w.percentage) continue;
      const webhook = teamId === null ? 'host_status:global' : `host_status:team:${teamId}`;
      try {
        const body = JSON.stringify(hostStatusPayload(w, total, unseenIds, teamId));
        await this.deliveries.enqueue(webhook, await this.deliveries.generation(webhook), { url: w.url, body, source: { kind: 'host_status', teamId } }, body);
        // The next run's alert is a new delivery even when its text is the same.
        await this.deliveries.advance(webhook);
        this.logger.info({ team_id: teamId, unseen_hosts: unseenIds.length, total_hosts: total }, 'cron: host status webhook queued');
      } catch (err) {
        failures.push(`${teamId === null ? 'global' : `team ${teamId}`}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`host status webhook: ${failures.join('; ')}`);
  }

  /**
   * Fleet's failing-policies webhook: for each listed policy, the hosts that fail it and were not reported yet
   * (a host that passed in between is reported again), in POSTs of `host_batch_size` hosts.
   *
   * When the reported set changes: right after every POST of the policy is durably queued, and only then.
   * A queued job carries its POST and is retried until the destination takes it, so from that moment the
   * hosts are as good as sent: marking them then means the next run does not queue them again (nothing sent
   * twice), while a run that fails or dies before queueing everything marks nothing and the next run queues
   * the same POSTs — with the same job ids (WebhookDeliveries' generation is advanced only after the set is
   * replaced), so those already queued are not added twice (nothing lost, nothing doubled). Marking after
   * delivery instead would have each run re-queue the hosts still being retried. If a POST's last attempt
   * fails, the delivery worker takes its hosts off the set, so the run after the outage reports them again.
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
        const reported = await this.webhookState.reportedFailing(policyId);
        const fresh = failing.filter((h) => !reported.has(h.id));
        const webhook = `failing_policy:${policyId}`;
        try {
          const generation = await this.deliveries.generation(webhook);
          for (const batch of batches(fresh, w.batchSize)) {
            const hostIds = batch.map((h) => h.id);
            const body = JSON.stringify(failingPolicyPayload(policy, batch, serverUrl, this.clock.now()));
            // The body has a timestamp: the id is made from the hosts, which is what makes two POSTs the same.
            await this.deliveries.enqueue(webhook, generation, { url: w.url, body, source: { kind: 'failing_policy', policyId, hostIds } }, hostIds.join(','));
          }
        } catch (err) {
          failures.push(`policy ${policyId}: ${(err as Error).message}`);
          continue;
        }
        await this.webhookState.replaceReportedFailing(policyId, failing.map((h) => h.id));
        if (fresh.length > 0) {
          await this.deliveries.advance(webhook);
          this.logger.info({ policy_id: policyId, hosts: fresh.length }, 'cron: failing policy webhook queued');
        }
      }
    }
    if (failures.length > 0) throw new Error(`failing policies webhook: ${failures.join('; ')}`);
  }
}
