import { createTransport } from 'nodemailer';
import type { SMTPTransportOptions } from 'nodemailer';
import type { SmtpSettings } from '@fleet/contracts';

/** A rendered mail: what both the queued deliveries and the synchronous test mail send. */
export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Timeouts of one SMTP exchange; a mail server that hangs fails the attempt, which is retried. */
export interface SmtpTimeouts {
  readonly connectMs: number;
  readonly socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectMs: 20_000, socketMs: 60_000 };

const LOCAL = new Set(['localhost', '127.0.0.1', '::1']);

/** A mail that cannot be sent with these settings whatever the server does (retrying cannot help until they change). */
export class SmtpSettingsError extends Error {
  override readonly name = 'SmtpSettingsError';
}

const AUTH_METHODS: Record<SmtpSettings['authentication_method'], string> = {
  authmethod_plain: 'PLAIN', authmethod_login: 'LOGIN', authmethod_cram_md5: 'CRAM-MD5',
};

/**
 * nodemailer's options for Fleet's `smtp_settings`: `enable_ssl_tls` is TLS from the first byte,
 * `enable_start_tls` upgrades with STARTTLS, `verify_ssl_certs` checks the server's certificate for `server`,
 * `authentication_type`/`_method` pick the SASL mechanism, `domain` is the EHLO name. As Go's SMTP client in
 * Fleet, a password (PLAIN or LOGIN) is never sent unencrypted except to the local machine: with STARTTLS on,
 * the upgrade is then required rather than opportunistic, and with neither TLS option the send is refused.
 */
export function smtpTransportOptions(s: SmtpSettings, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): SMTPTransportOptions {
  if (!s.server) throw new SmtpSettingsError('SMTP server is not set');
  if (!s.sender_address) throw new SmtpSettingsError('SMTP sender address is not set');
  const withPassword = s.authentication_type === 'authtype_username_password';
  const passwordInClear = withPassword && s.authentication_method !== 'authmethod_cram_md5' && !LOCAL.has(s.server);
  if (passwordInClear && !s.enable_ssl_tls && !s.enable_start_tls) throw new SmtpSettingsError('unencrypted connection');
  return {
    host: s.server,
    port: s.port,
    secure: s.enable_ssl_tls,
    requireTLS: !s.enable_ssl_tls && s.enable_start_tls && passwordInClear,
    ignoreTLS: !s.enable_ssl_tls && !s.enable_start_tls,
    tls: { servername: s.server, rejectUnauthorized: s.verify_ssl_certs },
    ...(s.domain ? { name: s.domain } : {}),
    ...(withPassword ? { auth: { user: s.user_name, pass: s.password }, authMethod: AUTH_METHODS[s.authentication_method] } : {}),
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.socketMs,
  };
}

/** Sends one mail over a fresh connection with these settings (they may change between mails), then closes it. */
export async function sendSmtpMail(settings: SmtpSettings, message: MailMessage, timeouts?: SmtpTimeouts): Promise<void> {
  const transport = createTransport(smtpTransportOptions(settings, timeouts));
  try {
    await transport.sendMail({ from: settings.sender_address, to: [...message.to], subject: message.subject, html: message.html, text: message.text });
  } finally {
    transport.close();
  }
}
