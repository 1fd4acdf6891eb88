import { Injectable } from '@nestjs/common';
import { AdminError, AdminErrorCode, authorize, invalid } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { smtpSettingsOf, smtpSettingsSchema, ssoSettingsOf } from '@fleet/contracts';
import type { SmtpSettings } from '@fleet/contracts';
import type { AppConfigDocument } from '@fleet/domain';
import { AppConfigRepository } from '@fleet/persistence';
import { MASK } from '../config/app-config.view';
import { ssoSettingsProblems } from '../sso/sso-settings.rule';
import { AccountMailer } from './account-mailer';
import { smtpTestMail } from './mail.templates';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The settings that decide how mail is sent; `enable_smtp` and `configured` are not among them. */
const TRANSPORT_KEYS = ['sender_address', 'server', 'port', 'authentication_type', 'user_name', 'password', 'enable_ssl_tls', 'authentication_method',
  'domain', 'verify_ssl_certs', 'enable_start_tls'] as const;

/**
 * `smtp_settings` and `sso_settings` in the app config: the SMTP test mail (POST /email/test, and what
 * PATCH /config sends when it turns SMTP on or changes it, setting `configured` as Fleet does) and the checks
 * on SSO settings before they are saved.
 */
@Injectable()
export class SmtpSettingsService {
  constructor(private readonly mailer: AccountMailer, private readonly appConfig: AppConfigRepository) {}

  /** POST /email/test: the stored settings, or the given ones over them, tried at once with a mail to the caller. */
  async sendTest(caller: Caller, overrides: Record<string, unknown> | undefined): Promise<void> {
    authorize(caller, 'config:write', { teamId: null });
    const doc = await this.appConfig.get();
    const stored = obj(doc['smtp_settings']);
    const merged = { ...stored, ...(overrides ?? {}) };
    if (merged['password'] === MASK) merged['password'] = stored['password'];
    await this.test(caller, smtpSettingsSchema.parse(merged), doc);
  }

  /**
   * Called by PATCH /config with the stored and the merged document before it is saved; returns the document
   * to save. SSO settings that turn SSO on must be complete (422 otherwise). SMTP settings that are on and
   * changed (or never tested) are tested with a mail to the caller — a failure is 422 `SMTP Options` and
   * nothing is saved — and `configured` becomes true; SMTP turned off is not configured. A dry run sends no mail.
   */
  async applyConfigPatch(caller: Caller, stored: AppConfigDocument, next: AppConfigDocument, patch: AppConfigDocument, dryRun: boolean): Promise<AppConfigDocument> {
    if ('sso_settings' in patch) {
      const problems = ssoSettingsProblems(ssoSettingsOf(next));
      if (problems.length > 0) throw new AdminError(AdminErrorCode.VALIDATION_FAILED, 'Validation Failed', problems);
    }
    if (!('smtp_settings' in patch)) return next;
    const before = smtpSettingsOf(stored);
    const after = smtpSettingsOf(next);
    let configured = false;
    if (after.enable_smtp) {
      const changed = TRANSPORT_KEYS.some((k) => before[k] !== after[k]);
      if ((changed || !before.configured) && !dryRun) await this.test(caller, after, next);
      configured = dryRun ? before.configured && !changed : true;
    }
    return { ...next, smtp_settings: { ...obj(next['smtp_settings']), configured } };
  }

  private async test(caller: Caller, settings: SmtpSettings, doc: AppConfigDocument): Promise<void> {
    const message = { to: [caller.signedIn.email], ...smtpTestMail(await this.mailer.context(doc)) };
    try {
      await this.mailer.sendNow(settings, message);
    } catch (err) {
      throw invalid('SMTP Options', (err as Error).message);
    }
  }
}
