import { Inject, Injectable, Optional } from '@nestjs/common';
import { smtpSettingsOf } from '@fleet/contracts';
import type { MailDelivery } from '@fleet/contracts';
import type { JobAttempt } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AppConfigRepository } from '@fleet/persistence';
import { LOGGER } from '../core/tokens';
import { DEFAULT_SMTP_TIMEOUTS, sendSmtpMail } from './smtp-transport';
import type { SmtpTimeouts } from './smtp-transport';

/** Injection token of the SMTP timeouts the handler uses (tests shorten them); DEFAULT_SMTP_TIMEOUTS when unbound. */
export const SMTP_TIMEOUTS = Symbol('SMTP_TIMEOUTS');

/**
 * One attempt of a queued mail (`mail_delivery` job): reads `smtp_settings` from the app config (so a
 * corrected setting applies to mails already queued) and sends. A mail server that is down, refuses the mail
 * or times out — or SMTP that is off or not yet tested — fails the attempt, and the job is retried
 * (JOBS.mailDelivery.retry), so the mail waits instead of being lost. Logs name the kind of mail, never its body.
 */
@Injectable()
export class MailDeliveryHandler {
  private readonly timeouts: SmtpTimeouts;

  constructor(
    private readonly appConfig: AppConfigRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(SMTP_TIMEOUTS) timeouts?: SmtpTimeouts,
  ) {
    this.timeouts = timeouts ?? DEFAULT_SMTP_TIMEOUTS;
  }

  async deliver(mail: MailDelivery, attempt: JobAttempt): Promise<void> {
    const settings = smtpSettingsOf(await this.appConfig.get());
    try {
      if (!settings.enable_smtp || !settings.configured) throw new Error('email not configured');
      await sendSmtpMail(settings, mail, this.timeouts);
    } catch (err) {
      this.logger.warn({ job_id: attempt.jobId, attempt: attempt.number, mail: mail.kind, err: (err as Error).message }, 'mail: attempt failed');
      throw err;
    }
    this.logger.info({ job_id: attempt.jobId, attempt: attempt.number, mail: mail.kind, recipients: mail.to.length }, 'mail: delivered');
  }
}
