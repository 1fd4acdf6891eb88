import { z } from 'zod';

/** `POST /automations/reset`: policies by id and teams (all their policies) by id; absent or null is none. */
export const resetAutomationRequestSchema = z.object({
  policy_ids: z.array(z.number().int().positive()).nullish().transform((v) => v ?? []),
  team_ids: z.array(z.number().int().positive()).nullish().transform((v) => v ?? []),
});
