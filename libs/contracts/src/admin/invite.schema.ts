import { z } from 'zod';
import { roleNameSchema, teamRoleInputSchema } from './user.schema';

/** Fleet's invite object (rest-api.md "Create invite"); the token is never part of it. */
export const inviteSchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), invited_by: z.number().nullable(), email: z.string(), name: z.string(),
  position: z.string(), sso_enabled: z.boolean(), mfa_enabled: z.boolean(), global_role: roleNameSchema.nullable(),
  teams: z.array(z.object({ id: z.number(), name: z.string(), description: z.string(), role: roleNameSchema })),
});
export type InviteDto = z.infer<typeof inviteSchema>;

export const createInviteRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email('must be a valid email'),
  name: z.string().trim().min(1, 'cannot be empty'),
  position: z.string().optional(),
  sso_enabled: z.boolean().optional(),
  mfa_enabled: z.boolean().optional(),
  global_role: roleNameSchema.nullable().optional(),
  teams: z.array(teamRoleInputSchema).optional(),
});
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;

export const modifyInviteRequestSchema = createInviteRequestSchema.partial();
export type ModifyInviteRequest = z.infer<typeof modifyInviteRequestSchema>;

export const inviteResponseSchema = z.object({ invite: inviteSchema });
export const invitesResponseSchema = z.object({ invites: z.array(inviteSchema) });

/** `POST /users`: the account an invitee creates with the emailed token (rest-api.md "Create a user account with an invitation"). */
export const createUserFromInviteRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email('must be a valid email'),
  invite_token: z.string().min(1, 'cannot be empty'),
  name: z.string().trim().min(1, 'cannot be empty'),
  /** Not for SSO invites; required otherwise. */
  password: z.string().optional(),
  password_confirmation: z.string().optional(),
  position: z.string().optional(),
});
export type CreateUserFromInviteRequest = z.infer<typeof createUserFromInviteRequestSchema>;
