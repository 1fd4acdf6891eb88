import type { RedisClient } from './redis.factory';
import { cronKeys } from './redis-lease';

/** A policy's reported-failing set outlives a missed run or two, then goes if the webhook was switched off. */
const REPORTED_TTL_SECONDS = 30 * 24 * 3600;
/** A generation counter outlives a webhook switched off for a while, like the reported sets. */
const GENERATION_TTL_SECONDS = 30 * 24 * 3600;

/**
 * What the `automations` webhooks remember between runs, shared by every live-query replica:
 * - per policy, the hosts already reported failing it by the failing-policies webhook (a host is reported
 *   again only after it passed in between, or when the POST that carried it was given up);
 * - per webhook (`host_status:global`, `host_status:team:3`, `failing_policy:7`), a generation counter that
 *   is part of its deliveries' job ids: a run queues with the current value and advances it once its work is
 *   recorded, so a run repeating unrecorded work reuses the ids while later work gets new ones.
 */
export class WebhookStateStore {
  constructor(private readonly redis: RedisClient) {}

  /** Host ids already reported failing the policy. */
  async reportedFailing(policyId: number): Promise<Set<number>> {
    return new Set((await this.redis.smembers(cronKeys.reportedFailing(policyId))).map(Number));
  }

  /** Replaces the policy's reported set with `hostIds` in one transaction (empty: no host is reported). */
  async replaceReportedFailing(policyId: number, hostIds: readonly number[]): Promise<void> {
    const key = cronKeys.reportedFailing(policyId);
    const tx = this.redis.multi().del(key);
    if (hostIds.length > 0) tx.sadd(key, ...hostIds.map(String)).expire(key, REPORTED_TTL_SECONDS);
    await tx.exec();
  }

  /** Takes hosts off the policy's reported set, so the next run that finds them failing reports them again. */
  async unreportFailing(policyId: number, hostIds: readonly number[]): Promise<void> {
    if (hostIds.length === 0) return;
    await this.redis.srem(cronKeys.reportedFailing(policyId), ...hostIds.map(String));
  }

  /** The webhook's current generation (0 before its first advance). */
  async generation(webhook: string): Promise<number> {
    return Number((await this.redis.get(cronKeys.webhookGeneration(webhook))) ?? 0);
  }

  async advanceGeneration(webhook: string): Promise<void> {
    const key = cronKeys.webhookGeneration(webhook);
    await this.redis.multi().incr(key).expire(key, GENERATION_TTL_SECONDS).exec();
  }
}
