import { z } from 'zod';
import { availableTeamSchema, userSchema } from './user.schema';

export const loginRequestSchema = z.object({
  email: z.string().trim().min(1, 'cannot be empty'), password: z.string().min(1, 'cannot be empty'),
  /** The client can finish an email two-factor login (Fleet's web UI sends true); others get 400 for a user with `mfa_enabled`. */
  supports_email_verification: z.boolean().optional(),
});
export const loginResponseSchema = z.object({ user: userSchema, available_teams: z.array(availableTeamSchema), token: z.string() });

export const setupRequestSchema = z.object({
  admin: z.object({
    admin: z.boolean().optional(),
    email: z.string().trim().email('must be a valid email'),
    name: z.string().trim().min(1, 'cannot be empty'),
    password: z.string(),
    password_confirmation: z.string().optional(),
  }),
  org_info: z.object({ org_name: z.string().trim().min(1, 'cannot be empty'), org_logo_url: z.string().optional() }),
  server_url: z.string().optional(),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;
export const setupResponseSchema = z.object({
  admin: userSchema, org_info: z.record(z.string(), z.unknown()), server_url: z.string().nullable(),
  osquery_enroll_secret: z.null(), token: z.string(),
});

export const meResponseSchema = z.object({ user: userSchema, available_teams: z.array(availableTeamSchema) });
export const changePasswordRequestSchema = z.object({ old_password: z.string(), new_password: z.string() });

export const sessionSchema = z.object({ session_id: z.number(), user_id: z.number(), created_at: z.string() });
export type SessionDto = z.infer<typeof sessionSchema>;
export const sessionsResponseSchema = z.object({ sessions: z.array(sessionSchema) });
