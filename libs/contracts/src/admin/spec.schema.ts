import { z } from 'zod';
import { loggingTypeSchema } from './query.schema';
import { secretsInputSchema } from './team.schema';

const json = z.record(z.string(), z.unknown());

/**
 * The `/spec/*` bodies of `fleetctl apply/get` (fleet-admin-api.md §1.12, §3.5). Specs upsert by name; fields
 * left out take their zero values, so applying the same file twice changes nothing.
 */
export const querySpecSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  description: z.string().default(''),
  query: z.string().trim().min(1, 'cannot be empty'),
  team: z.string().default(''),
  interval: z.number().int().min(0).default(0),
  observer_can_run: z.boolean().default(false),
  platform: z.string().default(''),
  min_osquery_version: z.string().default(''),
  automations_enabled: z.boolean().default(false),
  logging: z.union([loggingTypeSchema, z.literal('')]).default('snapshot'),
  discard_data: z.boolean().default(false),
});
export type QuerySpec = z.output<typeof querySpecSchema>;

export const labelSpecSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  description: z.string().default(''),
  query: z.string().default(''),
  platform: z.string().default(''),
  label_type: z.enum(['regular', 'builtin']).optional(),
  label_membership_type: z.enum(['dynamic', 'manual']).optional(),
  hosts: z.array(z.string()).nullable().optional(),
});
export type LabelSpec = z.output<typeof labelSpecSchema>;

export const policySpecSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  description: z.string().default(''),
  query: z.string().trim().min(1, 'cannot be empty'),
  team: z.string().default(''),
  resolution: z.string().default(''),
  platform: z.string().default(''),
  critical: z.boolean().default(false),
});
export type PolicySpec = z.output<typeof policySpecSchema>;

export const teamSpecSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  agent_options: json.optional(),
  features: json.optional(),
  secrets: secretsInputSchema.optional(),
  webhook_settings: json.optional(),
  integrations: json.optional(),
  host_expiry_settings: json.optional(),
  mdm: json.optional(),
  scripts: z.unknown().optional(),
  software: z.unknown().optional(),
});
export type TeamSpec = z.output<typeof teamSpecSchema>;

export const packSpecSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  description: z.string().default(''),
  platform: z.string().default(''),
  disabled: z.boolean().default(false),
  targets: z.object({ labels: z.array(z.string()).nullable().default([]), teams: z.array(z.string()).nullable().default([]) }).default({ labels: [], teams: [] }),
  queries: z.array(z.object({
    query: z.string().min(1, 'cannot be empty'), name: z.string().optional(), description: z.string().default(''),
    interval: z.number().int().min(0), snapshot: z.boolean().nullable().optional(), removed: z.boolean().nullable().optional(),
    platform: z.string().nullable().optional(), version: z.string().nullable().optional(), shard: z.number().int().nullable().optional(),
    denylist: z.boolean().nullable().optional(),
  })).nullable().default([]),
});
export type PackSpec = z.output<typeof packSpecSchema>;

const specs = <T extends z.ZodType>(item: T) => z.object({ specs: z.array(item) });
export const applyQuerySpecsRequestSchema = specs(querySpecSchema);
export const applyLabelSpecsRequestSchema = specs(labelSpecSchema);
export const applyPolicySpecsRequestSchema = specs(policySpecSchema);
export const applyTeamSpecsRequestSchema = specs(teamSpecSchema);
export const applyPackSpecsRequestSchema = specs(packSpecSchema);

export const querySpecsResponseSchema = z.object({ specs: z.array(querySpecSchema) });
export const labelSpecsResponseSchema = z.object({ specs: z.array(labelSpecSchema.extend({ id: z.number() })) });
export const policySpecsResponseSchema = z.object({ specs: z.array(policySpecSchema) });
export const packSpecsResponseSchema = z.object({ specs: z.array(packSpecSchema.extend({ id: z.number() })) });
export const teamSpecsResponseSchema = z.object({ team_ids_by_name: z.record(z.string(), z.number()) });
/** `GET /spec/queries/:name` and `/spec/labels/:name`: one spec under the plural key, as Fleet answers. */
export const querySpecResponseSchema = z.object({ specs: querySpecSchema });
export const labelSpecResponseSchema = z.object({ specs: labelSpecSchema.extend({ id: z.number() }) });
