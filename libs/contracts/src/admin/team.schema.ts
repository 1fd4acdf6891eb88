import { z } from 'zod';
import { roleNameSchema, userSchema } from './user.schema';

const json = z.record(z.string(), z.unknown());

export const enrollSecretSchema = z.object({ secret: z.string(), created_at: z.string(), team_id: z.number().nullable() });
export const secretsInputSchema = z.array(z.object({ secret: z.string().min(1, 'cannot be empty').max(255) }));

/** Fleet's team object; `secrets` is present only for callers allowed to see enroll secrets. */
export const teamSchema = z.object({
  id: z.number(), created_at: z.string(), name: z.string(), description: z.string(), user_count: z.number(), host_count: z.number(),
  agent_options: json.nullable(), secrets: z.array(enrollSecretSchema).optional(), webhook_settings: json, integrations: json,
  features: z.object({ enable_host_users: z.boolean(), enable_software_inventory: z.boolean() }).catchall(z.unknown()),
  host_expiry_settings: z.object({ host_expiry_enabled: z.boolean(), host_expiry_window: z.number() }),
  /** The members with their role on this team: only in the answer of `PATCH`/`DELETE /teams/:id/users`, as Fleet answers. */
  users: z.array(userSchema.extend({ role: z.string() })).optional(),
});
export type TeamDto = z.infer<typeof teamSchema>;

export const createTeamRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  description: z.string().optional(),
  secrets: secretsInputSchema.optional(),
});
export const modifyTeamRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty').optional(),
  description: z.string().optional(),
  webhook_settings: json.optional(),
  integrations: json.optional(),
  features: json.optional(),
  host_expiry_settings: json.optional(),
});
export const agentOptionsRequestSchema = json;
export const teamUsersRequestSchema = z.object({ users: z.array(z.object({ id: z.number().int(), role: roleNameSchema.optional() })) });
export const teamSecretsRequestSchema = z.object({ secrets: secretsInputSchema });
export const enrollSecretSpecRequestSchema = z.object({ spec: z.object({ secrets: secretsInputSchema }), dry_run: z.boolean().optional() });

export const teamResponseSchema = z.object({ team: teamSchema });
export const teamsResponseSchema = z.object({ teams: z.array(teamSchema) });
export const secretsResponseSchema = z.object({ secrets: z.array(enrollSecretSchema).nullable() });
export const enrollSecretSpecResponseSchema = z.object({ spec: z.object({ secrets: z.array(enrollSecretSchema) }) });

export const configPatchRequestSchema = json;
export const configResponseSchema = json;
