import { z } from 'zod';
import type { RetryPolicy } from './job.contract';

/** Why a mail is sent: logged by the consumer (never the body, which carries a token). */
export const MAIL_KINDS = ['invite', 'password_reset', 'email_change', 'mfa'] as const;

/**
 * One mail, rendered by the producer (subject, HTML and plain-text bodies), so every attempt sends the same
 * message. The SMTP settings are read at each attempt, so a fix to them applies to mails still queued, and
 * their password never travels through the queue.
 */
export const mailDeliverySchema = z.object({
  kind: z.enum(MAIL_KINDS),
  to: z.array(z.email()).min(1),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
export type MailDelivery = z.output<typeof mailDeliverySchema>;

/**
 * Retries of a mail: 1, 2, 4 … 32 s, then every minute, 1,500 attempts in all — about a day, so a mail server
 * that is down (or SMTP not yet configured) delays mail without losing it, and one that comes back is
 * reached within a minute.
 */
export const MAIL_DELIVERY_RETRY: RetryPolicy = { attempts: 1500, initialDelayMs: 1000, maxDelayMs: 60_000 };
