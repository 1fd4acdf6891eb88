import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { JOBS, smtpSettingsOf } from '@fleet/contracts';
import type { MailDelivery, SmtpSettings } from '@fleet/contracts';
import type { AppConfigDocument, Clock } from '@fleet/domain';
import { JobQueue } from '@fleet/messaging';
import { AppConfigRepository } from '@fleet/persistence';
import { CLOCK, sendSmtpMail } from '@fleet/platform';
import type { MailMessage } from '@fleet/platform';
import type { MailContext } from './mail.templates';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The account mails' way out. Mails that carry a link (invite, password reset, email change, two-factor login)
 * are queued as durable `mail_delivery` jobs — `queue` resolves once the job is in Redis, and the live-query
 * role's worker sends it, retrying while the mail server is down. Only the SMTP test mail is sent at once,
 * since its point is to report whether the settings work.
 */
@Injectable()
export class AccountMailer {
  constructor(
    private readonly queueOfJobs: JobQueue,
    private readonly appConfig: AppConfigRepository,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Base URL of the web UI and organisation name for the templates. */
  async context(doc?: AppConfigDocument): Promise<MailContext> {
    const d = doc ?? (await this.appConfig.get());
    const serverUrl = str(obj(d['server_settings'])['server_url']).replace(/\/+$/, '');
    return { baseUrl: `${serverUrl}${this.config.server.url_prefix}`, orgName: str(obj(d['org_info'])['org_name']), year: this.clock.now().getUTCFullYear() };
  }

  /** SMTP is on and its settings passed a test mail (Fleet's `configured`): mail can be relied on. */
  async canSend(): Promise<boolean> {
    const s = smtpSettingsOf(await this.appConfig.get());
    return s.enable_smtp && s.configured;
  }

  /**
   * Queues one mail. `key` names what the mail is for (`invite-12`); the job id derives from it and the
   * message, so the same mail queued twice is sent once.
   */
  async queue(kind: MailDelivery['kind'], key: string, message: MailMessage): Promise<void> {
    const digest = createHash('sha256').update(JSON.stringify([message.to, message.subject, message.text])).digest('hex').slice(0, 16);
    await this.queueOfJobs.enqueue(JOBS.mailDelivery, { kind, to: [...message.to], subject: message.subject, html: message.html, text: message.text },
      { id: `${key}-${digest}` });
  }

  /** Sends a mail now with these settings; throws the mail server's (or the settings') error. */
  async sendNow(settings: SmtpSettings, message: MailMessage): Promise<void> {
    await sendSmtpMail(settings, message);
  }
}
