import { z } from 'zod';
import { nodeKeyField } from './agent-values.schema';

export const LOG_TYPES = ['result', 'status'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/**
 * POST /api/v1/osquery/log. Only the envelope is validated: each entry of `data` is one log line whose shape
 * depends on osquery version and flags, so lines stay `unknown` and are classified one by one by the domain
 * log-line helpers. A malformed line must never fail the batch (osquery would resend it forever).
 */
export const logRequestSchema = z.object({
  node_key: nodeKeyField,
  log_type: z.enum(LOG_TYPES, { error: (issue) => `unknown log type: ${String(issue.input)}` }),
  data: z.preprocess((v) => v ?? [], z.array(z.unknown())),
});
export type LogRequest = z.output<typeof logRequestSchema>;
