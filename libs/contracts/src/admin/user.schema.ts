import { z } from 'zod';

export const roleNameSchema = z.enum(['admin', 'maintainer', 'observer', 'observer_plus', 'gitops']);

export const teamRoleInputSchema = z.object({ id: z.number().int().positive(), role: roleNameSchema });

/** Fleet's user object; never carries a password hash or a token (the API-only token sits beside it). */
export const userSchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), email: z.string(),
  enabled: z.boolean(), force_password_reset: z.boolean(), gravatar_url: z.string(), sso_enabled: z.boolean(),
  mfa_enabled: z.boolean(), global_role: roleNameSchema.nullable(), api_only: z.boolean(), position: z.string(),
  teams: z.array(z.object({ id: z.number(), created_at: z.string(), name: z.string(), description: z.string(), role: z.string() })),
});
export type UserDto = z.infer<typeof userSchema>;

export const availableTeamSchema = z.object({ id: z.number(), name: z.string(), description: z.string() });

export const createUserRequestSchema = z.object({
  email: z.string().trim().email('must be a valid email'),
  name: z.string().trim().min(1, 'cannot be empty'),
  password: z.string().optional(),
  sso_enabled: z.boolean().optional(),
  mfa_enabled: z.boolean().optional(),
  api_only: z.boolean().optional(),
  global_role: roleNameSchema.nullable().optional(),
  teams: z.array(teamRoleInputSchema).optional(),
  admin_forced_password_reset: z.boolean().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const modifyUserRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty').optional(),
  email: z.string().trim().email('must be a valid email').optional(),
  position: z.string().optional(),
  sso_enabled: z.boolean().optional(),
  mfa_enabled: z.boolean().optional(),
  api_only: z.boolean().optional(),
  password: z.string().optional(),
  new_password: z.string().optional(),
  global_role: roleNameSchema.nullable().optional(),
  teams: z.array(teamRoleInputSchema).optional(),
});
export type ModifyUserRequest = z.infer<typeof modifyUserRequestSchema>;

export const userResponseSchema = z.object({ user: userSchema, token: z.string().optional() });
export const usersResponseSchema = z.object({ users: z.array(userSchema) });
export const requirePasswordResetRequestSchema = z.object({ require: z.boolean() });
