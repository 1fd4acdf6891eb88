import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { AffectedHost, Clock, PendingVulnerability } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { AppConfigRepository, VulnerabilityWebhookRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import type { CronJob } from '../cron/cron.job';
import { batches } from '../cron/failing-policies.webhook';
import { WebhookDeliveries } from '../cron/webhook-deliveries';

/** `webhook_settings.vulnerabilities_webhook` once validated; null when it is off or incomplete. */
export interface VulnerabilitiesWebhook {
  readonly url: string;
  /** Hosts per POST; 0 = all in one. */
  readonly batchSize: number;
}

export function vulnerabilitiesWebhookOf(webhookSettings: unknown): VulnerabilitiesWebhook | null {
  const w = ((webhookSettings ?? {}) as Record<string, unknown>)['vulnerabilities_webhook'] as Record<string, unknown> | undefined;
  if (!w || w['enable_vulnerabilities_webhook'] !== true) return null;
  const url = typeof w['destination_url'] === 'string' ? w['destination_url'] : '';
  const batch = Number(w['host_batch_size'] ?? 0);
  return url ? { url, batchSize: Number.isInteger(batch) && batch > 0 ? batch : 0 } : null;
}

/** Fleet's vulnerabilities webhook payload: the CVE, its details and one batch of the hosts it was found on. */
export function vulnerabilityPayload(v: PendingVulnerability, hosts: readonly AffectedHost[], serverUrl: string, now: Date): Record<string, unknown> {
  const d = v.details;
  return {
    timestamp: now.toISOString(),
    vulnerability: {
      cve: d.cve, details_link: `https://nvd.nist.gov/vuln/detail/${d.cve}`, epss_probability: d.epssProbability, cvss_score: d.cvssScore,
      cisa_known_exploit: d.cisaKnownExploit, cve_published: d.published ? d.published.toISOString() : null, cve_description: d.description,
      hosts_affected: hosts.map((h) => ({
        id: h.id, hostname: h.hostname, display_name: h.displayName, url: `${serverUrl}/hosts/${h.id}`,
        ...(h.softwareInstalledPaths.length > 0 ? { software_installed_paths: h.softwareInstalledPaths } : {}),
      })),
    },
  };
}

/** CVEs handled per pass of the job (each is one or more POSTs). */
const PASS = 100;

/**
 * The vulnerabilities webhook, a job of the `automations` schedule: for each CVE the vulnerabilities runs
 * found new on hosts (published within `vulnerabilities.recent_vulnerability_max_age`), one POST per
 * `host_batch_size` hosts, queued as `webhook_delivery` jobs (retried until the destination takes them).
 * A CVE leaves the queue once all its POSTs are queued; a run that dies before that queues the same POSTs
 * again with the same job ids (the webhook's generation only advances after), so nothing is sent twice.
 * With the webhook off, the queue is emptied: those CVEs are not announced later.
 */
@Injectable()
export class VulnerabilitiesWebhookJob {
  constructor(
    private readonly pending: VulnerabilityWebhookRepository,
    private readonly appConfig: AppConfigRepository,
    private readonly deliveries: WebhookDeliveries,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  jobs(): CronJob[] {
    return [{ name: 'vulnerabilities_webhook', run: () => this.send() }];
  }

  async send(): Promise<void> {
    const org = await this.appConfig.get();
    const w = vulnerabilitiesWebhookOf(org['webhook_settings']);
    const now = this.clock.now();
    if (!w) {
      await this.pending.prune(now);
      return;
    }
    const configured = ((org['server_settings'] ?? {}) as Record<string, unknown>)['server_url'];
    const serverUrl = (typeof configured === 'string' ? configured : '').replace(/\/+$/, '');
    const oldest = new Date(now.getTime() - this.config.vulnerabilities.recent_vulnerability_max_age);
    for (;;) {
      const list = await this.pending.pending(PASS);
      if (list.length === 0) return;
      for (const v of list) {
        const recent = v.details.published === null || v.details.published >= oldest;
        const hosts = recent ? await this.pending.affectedHosts(v.softwareIds, v.osIds) : [];
        const webhook = `vulnerability:${v.details.cve}`;
        const generation = await this.deliveries.generation(webhook);
        for (const batch of batches(hosts, w.batchSize)) {
          const hostIds = batch.map((h) => h.id);
          const body = JSON.stringify(vulnerabilityPayload(v, batch, serverUrl, now));
          await this.deliveries.enqueue(webhook, generation, { url: w.url, body, source: { kind: 'vulnerability', cve: v.details.cve, hostIds } }, hostIds.join(','));
        }
        await this.pending.remove([v.details.cve]);
        if (hosts.length > 0) {
          await this.deliveries.advance(webhook);
          this.logger.info({ cve: v.details.cve, hosts: hosts.length }, 'cron: vulnerabilities webhook queued');
        }
      }
    }
  }
}
