import { z } from 'zod';

/** Fleet's label object (fleet-admin-api.md §1.4); `host_ids` is always null in responses, as Fleet's list gives. */
export const labelSchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), description: z.string(), query: z.string(),
  platform: z.string(), label_type: z.enum(['builtin', 'regular']), label_membership_type: z.enum(['dynamic', 'manual']),
  display_text: z.string(), count: z.number(), host_count: z.number(), host_ids: z.null(),
});
export type LabelDto = z.infer<typeof labelSchema>;

export const createLabelRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  description: z.string().optional(),
  query: z.string().optional(),
  platform: z.string().optional(),
  /** Hostnames, UUIDs or serials: makes a manual label. */
  hosts: z.array(z.string()).optional(),
});
export const modifyLabelRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty').optional(),
  description: z.string().optional(),
  hosts: z.array(z.string()).optional(),
});

export const labelResponseSchema = z.object({ label: labelSchema });
export const labelsResponseSchema = z.object({ labels: z.array(labelSchema) });
export const labelsSummaryResponseSchema = z.object({
  labels: z.array(z.object({ id: z.number(), name: z.string(), description: z.string(), label_type: z.enum(['builtin', 'regular']) })),
});
