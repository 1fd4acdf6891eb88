import { Module } from '@nestjs/common';
import { JobQueueModule } from '@fleet/platform';
import { AccountMailer } from './account-mailer';
import { MailController } from './mail.controller';
import { SmtpSettingsService } from './smtp-settings.service';

/**
 * Account mail: templates, the queue of mails (durable `mail_delivery` jobs through the JobQueue, sent by the
 * live-query role) and the SMTP settings' test mail. Exports the mailer to the contexts that mail links
 * (invites, password resets, two-factor logins, email changes) and the settings checks to the config context.
 */
@Module({ imports: [JobQueueModule], controllers: [MailController], providers: [AccountMailer, SmtpSettingsService], exports: [AccountMailer, SmtpSettingsService] })
export class MailModule {}
