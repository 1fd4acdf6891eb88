import { z } from 'zod';
import { nodeKeyField } from './agent-values.schema';

export const LOG_TYPES = ['result', 'status'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/**
 * The rejected value in the message: a string as it came, anything else by its JSON type. String() of an array
 * recurses through every level (a log_type nested thousands of levels deep overflowed the stack: a 500 on every
 * retry of that batch, found by the reliability fuzzer).
 */
function describeLogType(input: unknown): string {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return 'array';
  return input === null ? 'null' : typeof input;
}

/**
 * POST /api/v1/osquery/log. Only the envelope is validated: each entry of `data` is one log line whose shape
 * depends on osquery version and flags, so lines stay `unknown` and are classified one by one by the domain
 * log-line helpers. A malformed line must never fail the batch (osquery would resend it forever).
 */
export const logRequestSchema = z.object({
  node_key: nodeKeyField,
  log_type: z.enum(LOG_TYPES, { error: (issue) => `unknown log type: ${describeLogType(issue.input)}` }),
  data: z.preprocess((v) => v ?? [], z.array(z.unknown())),
});
export type LogRequest = z.output<typeof logRequestSchema>;
