import { JOBS } from '@fleet/contracts';
import { JobQueue } from '@fleet/messaging';
import { AppConfigRepository } from '@fleet/persistence';
import { MailDeliveryHandler } from '@fleet/platform';
import { eventually } from '@fleet/testing';
import { startAdminTestKit } from './admin-test-kit';
import type { AdminTestKit } from './admin-test-kit';
import { SmtpTestServer } from './smtp-test-server';
import type { ReceivedMail, SmtpTestServerOptions } from './smtp-test-server';

export const TEST_SERVER_URL = 'https://fleet.example.test';

export interface MailTestKit {
  readonly kit: AdminTestKit;
  readonly smtp: SmtpTestServer;
  /** Stores smtp_settings pointing at the test server as already tested (`configured`), plus server_settings.server_url. */
  configureSmtp(overrides?: Record<string, unknown>): Promise<void>;
  /** Waits for the `n`-th mail to `address` (1-based) and returns it. */
  mailTo(address: string, n?: number): Promise<ReceivedMail>;
  /** The token of the first link in a mail whose path starts with `pathPrefix` (`/login/reset?token=`, `/login/invites/`). */
  linkToken(mail: ReceivedMail, pathPrefix: string): string;
  close(): Promise<void>;
}

/**
 * The admin API on a test database, a real SMTP server, and — as the live-query role does in production — the
 * `mail_delivery` worker on the same BullMQ queue (through the same MailDeliveryHandler), so a queued mail
 * really travels through Redis and SMTP. Short SMTP timeouts keep a stopped server's attempts quick.
 */
export async function startMailTestKit(label: string, smtpOptions: SmtpTestServerOptions = {}): Promise<MailTestKit> {
  const kit = await startAdminTestKit(label);
  const smtp = await SmtpTestServer.start(smtpOptions);
  const app = kit.app.app;
  const handler = new MailDeliveryHandler(app.get(AppConfigRepository), kit.app.logger, { connectMs: 2000, socketMs: 5000 });
  app.get(JobQueue).process(JOBS.mailDelivery, (mail, attempt) => handler.deliver(mail, attempt), { concurrency: 2 });
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    kit, smtp,
    async configureSmtp(overrides = {}) {
      const smtpSettings = {
        enable_smtp: true, configured: true, sender_address: 'fleet@example.test', server: '127.0.0.1', port: smtp.port,
        authentication_type: 'authtype_none', enable_ssl_tls: false, enable_start_tls: false, ...overrides,
      };
      const doc = { server_settings: { server_url: TEST_SERVER_URL }, org_info: { org_name: 'Acme' }, smtp_settings: smtpSettings };
      await kit.db.dataSource.query('UPDATE app_config_json SET json_value = ? WHERE id = 1', [JSON.stringify(doc)]);
    },
    mailTo(address, n = 1) {
      return eventually(`mail ${n} to ${address}`, () => smtp.to(address), (mails) => mails.length >= n).then((mails) => mails[n - 1]);
    },
    linkToken(mail, pathPrefix) {
      const m = new RegExp(`${escape(TEST_SERVER_URL + pathPrefix)}([A-Za-z0-9_-]+)`).exec(mail.text);
      if (!m?.[1]) throw new Error(`no ${pathPrefix} link in: ${mail.text}`);
      return m[1];
    },
    async close() {
      await kit.close();
      await smtp.stop();
    },
  };
}
