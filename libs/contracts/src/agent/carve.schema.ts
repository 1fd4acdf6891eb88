import { z } from 'zod';
import { nodeKeyField } from './agent-values.schema';

const count = z.number().int().nonnegative();

/**
 * POST /api/v1/osquery/carve/begin. Size consistency (Fleet's limits) is a domain rule, `carveBeginProblem`;
 * the schema only checks types. `carve_id` is the agent's carve GUID, `request_id` a fresh random GUID.
 */
export const carveBeginRequestSchema = z.object({
  block_count: count,
  block_size: count,
  carve_size: count,
  carve_id: z.string().min(1),
  request_id: z.string().min(1),
  node_key: nodeKeyField,
});
export type CarveBeginRequest = z.output<typeof carveBeginRequestSchema>;

/** osquery fails the carve unless `session_id` is a non-empty string. */
export const carveBeginResponseSchema = z.object({
  session_id: z.string().min(1),
  success: z.boolean().optional(),
});
export type CarveBeginResponse = z.output<typeof carveBeginResponseSchema>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * POST /api/v1/osquery/carve/block. No node key in the body (the session is the credential; osquery ≥ 5.23
 * adds the Authorization header). Limits follow Fleet's decoder; an empty `data` is a valid empty block.
 */
export const carveBlockRequestSchema = z.object({
  block_id: count,
  session_id: z.string().min(1).max(255),
  request_id: z.string().min(1).max(64),
  data: z.string().regex(BASE64, 'data must be standard base64'),
  node_key: nodeKeyField,
});
export type CarveBlockRequest = z.output<typeof carveBlockRequestSchema>;

export const carveBlockResponseSchema = z.object({ success: z.boolean() });
export type CarveBlockResponse = z.output<typeof carveBlockResponseSchema>;
