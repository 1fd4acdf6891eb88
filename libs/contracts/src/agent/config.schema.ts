import { z } from 'zod';
import { nodeKeyField } from './agent-values.schema';

/** POST /api/v1/osquery/config. `etag` is Fleet's opt-in extension; stock osquery never sends it. */
export const configRequestSchema = z.object({
  node_key: nodeKeyField,
  etag: z.string().optional(),
});
export type ConfigRequest = z.output<typeof configRequestSchema>;

/** One scheduled query stanza (Fleet's QueryContent). */
export const queryContentSchema = z.object({
  query: z.string(),
  interval: z.number().int().nonnegative(),
  description: z.string().optional(),
  platform: z.string().optional(),
  version: z.string().optional(),
  snapshot: z.boolean().optional(),
  removed: z.boolean().optional(),
  shard: z.number().int().nonnegative().optional(),
  denylist: z.boolean().optional(),
});
export type QueryContent = z.output<typeof queryContentSchema>;

export const packSchema = z.looseObject({
  platform: z.string().optional(),
  version: z.string().optional(),
  shard: z.number().int().optional(),
  discovery: z.array(z.string()).optional(),
  queries: z.record(z.string(), queryContentSchema),
});

/**
 * The whole response body is the osquery config. Unknown top-level keys (file_paths, yara, events, ...) are
 * kept, because osquery reads them; a pack given as a string is a path on the agent.
 */
export const osqueryConfigSchema = z.looseObject({
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  decorators: z
    .object({
      load: z.array(z.string()).optional(),
      always: z.array(z.string()).optional(),
      interval: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  schedule: z.record(z.string(), queryContentSchema).optional(),
  packs: z.record(z.string(), z.union([packSchema, z.string()])).optional(),
});
export type OsqueryConfig = z.output<typeof osqueryConfigSchema>;

/** Fleet's ETag answer when the agent's etag matches: the config is unchanged. */
export const configUnchangedResponseSchema = z.object({ etag: z.literal('ok') });
