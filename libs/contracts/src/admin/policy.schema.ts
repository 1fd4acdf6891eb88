import { z } from 'zod';

/** Fleet's policy object (fleet-admin-api.md §1.8); host counts are live here rather than cron-aggregated. */
export const policySchema = z.object({
  id: z.number(), name: z.string(), query: z.string(), description: z.string(), critical: z.boolean(),
  author_id: z.number().nullable(), author_name: z.string(), author_email: z.string(), team_id: z.number().nullable(),
  resolution: z.string(), platform: z.string(), created_at: z.string(), updated_at: z.string(),
  passing_host_count: z.number(), failing_host_count: z.number(), host_count_updated_at: z.string().nullable(),
  calendar_events_enabled: z.boolean(),
});
export type PolicyDto = z.infer<typeof policySchema>;

const fields = {
  description: z.string().optional(),
  resolution: z.string().optional(),
  platform: z.string().optional(),
  critical: z.boolean().optional(),
};
export const createPolicyRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  query: z.string().trim().min(1, 'cannot be empty'),
  ...fields,
});
export const modifyPolicyRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty').optional(),
  query: z.string().trim().min(1, 'cannot be empty').optional(),
  ...fields,
});

export const policyResponseSchema = z.object({ policy: policySchema });
export const policiesResponseSchema = z.object({ policies: z.array(policySchema) });
export const teamPoliciesResponseSchema = z.object({ policies: z.array(policySchema), inherited_policies: z.array(policySchema) });
