import type { FailingHost, Policy } from '@fleet/domain';

/** `webhook_settings.failing_policies_webhook` once validated; null when it is off or incomplete. */
export interface FailingPoliciesWebhook {
  readonly url: string;
  readonly policyIds: readonly number[];
  /** Hosts per POST; 0 = all in one. */
  readonly batchSize: number;
}

export function failingPoliciesWebhookOf(webhookSettings: unknown): FailingPoliciesWebhook | null {
  const w = ((webhookSettings ?? {}) as Record<string, unknown>)['failing_policies_webhook'] as Record<string, unknown> | undefined;
  if (!w || w['enable_failing_policies_webhook'] !== true) return null;
  const url = typeof w['destination_url'] === 'string' ? w['destination_url'] : '';
  const ids = Array.isArray(w['policy_ids']) ? w['policy_ids'].map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
  const batch = Number(w['host_batch_size'] ?? 0);
  return url && ids.length > 0 ? { url, policyIds: ids, batchSize: Number.isInteger(batch) && batch > 0 ? batch : 0 } : null;
}

/** Fleet's failing-policies webhook payload: the policy, and hosts that newly fail it with a link to each. */
export function failingPolicyPayload(policy: Policy, hosts: readonly FailingHost[], serverUrl: string, now: Date): Record<string, unknown> {
  return {
    timestamp: now.toISOString(),
    policy: {
      id: policy.id, name: policy.name, query: policy.query, description: policy.description, author_id: policy.authorId,
      author_name: policy.authorName, author_email: policy.authorEmail, team_id: policy.teamId, resolution: policy.resolution,
      platform: policy.platform, critical: policy.critical, created_at: policy.createdAt.toISOString(), updated_at: policy.updatedAt.toISOString(),
      passing_host_count: policy.passing, failing_host_count: policy.failing,
    },
    hosts: hosts.map((h) => ({ id: h.id, hostname: h.hostname, display_name: h.displayName, url: `${serverUrl}/hosts/${h.id}` })),
  };
}

/** `items` in slices of `size` (0: one slice); none for no items. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [];
  if (size <= 0) return [items.slice()];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
