import { z } from 'zod';
import { jobContract } from './job.contract';
import type { RetryPolicy } from './job.contract';
import { MAIL_DELIVERY_RETRY, mailDeliverySchema } from './mail-delivery.contract';
import { VULNERABILITY_MATCH_RETRY, vulnerabilityMatchSchema } from './vulnerability-match.contract';

const id = z.number().int().positive();

/** Why a delivery is sent: the consumer logs it, and gives a failing-policy delivery that never arrived back to the next run. */
export const webhookSourceSchema = z.discriminatedUnion('kind', [
  /** The host status webhook of the organisation (teamId null) or of a team. */
  z.object({ kind: z.literal('host_status'), teamId: id.nullable() }),
  /** One POST of a failing-policies webhook: the hosts it reports as newly failing the policy. */
  z.object({ kind: z.literal('failing_policy'), policyId: id, hostIds: z.array(id) }),
  /** One POST of the vulnerabilities webhook: a CVE newly found, with one batch of its hosts. */
  z.object({ kind: z.literal('vulnerability'), cve: z.string(), hostIds: z.array(id) }),
]);
export type WebhookSource = z.output<typeof webhookSourceSchema>;

/** One webhook POST. The body is computed once by the producer, so every attempt sends the same bytes. */
export const webhookDeliverySchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** JSON text. */
  body: z.string(),
  /** How long the destination may take to answer one attempt (`schedules.webhook_timeout` when queued). */
  timeoutMs: z.number().int().positive(),
  source: webhookSourceSchema,
});
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

/**
 * Retries of a webhook POST: 1, 2, 4, 8 s, then every 10 s, 400 attempts in all — about 66 minutes of
 * waiting (plus the attempts' own time), so an outage of an hour is covered, and a destination that comes
 * back is reached within ~10 s. The cap keeps that delay short; the attempts bound what a dead
 * destination costs (one small request per 10 s per delivery, limited by the worker's concurrency).
 */
export const WEBHOOK_DELIVERY_RETRY: RetryPolicy = { attempts: 400, initialDelayMs: 1000, maxDelayMs: 10_000 };

/** Jobs of the background work: what must be retried and must not wait for the next schedule run. */
export const JOBS = {
  /** A webhook POST of the `automations` schedule (host status, failing policies). */
  webhookDelivery: jobContract('webhook_delivery', webhookDeliverySchema, WEBHOOK_DELIVERY_RETRY),
  /** One chunk of a `vulnerabilities` run's matching (software or OS versions against the feeds). */
  vulnerabilityMatch: jobContract('vulnerability_match', vulnerabilityMatchSchema, VULNERABILITY_MATCH_RETRY),
  /** One account mail (invite, password reset, email change, two-factor link) to the configured SMTP server. */
  mailDelivery: jobContract('mail_delivery', mailDeliverySchema, MAIL_DELIVERY_RETRY),
} as const;
