import { listQueryWith, optionalIntParam } from '../list-query.schema';
import { changePasswordRequestSchema, loginRequestSchema, loginResponseSchema, meResponseSchema, sessionSchema, sessionsResponseSchema, setupRequestSchema, setupResponseSchema } from '../session.schema';
import { createUserRequestSchema, modifyUserRequestSchema, requirePasswordResetRequestSchema, userResponseSchema, usersResponseSchema } from '../user.schema';
import { z } from 'zod';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

const setup = (path: string, summary: string) => adminRoute({
  method: 'POST', path, absolute: true, body: setupRequestSchema, response: setupResponseSchema,
  permission: 'public', summary, description: 'Served only while no user exists.',
  example: () => ({ body: { admin: { email: 'admin@example.com', name: 'Admin', password: 'password1234!' }, org_info: { org_name: 'Acme' } } }),
});

/** Users (fleet-admin-api.md §1.2) and authentication (§1.1). */
export const userRoutes = {
  list: adminRoute({
    method: 'GET', path: '/users', query: listQueryWith({ team_id: optionalIntParam }), response: usersResponseSchema,
    permission: { action: 'user:read', on: 'global' }, summary: 'List users',
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/users/admin', body: createUserRequestSchema, response: userResponseSchema,
    permission: { action: 'user:write', on: 'global' }, summary: 'Create a user',
    description: 'Needs `global_role` or `teams` (neither: 422 "either global role or team role needs to be defined", code 1; both: 422). '
      + 'An API-only user (`api_only: true`) gets its token in the answer.',
    example: (f) => ({ body: { email: `${f.unique('u')}@example.com`, name: 'n', password: 'password1234!', global_role: 'observer' } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/users/:id', params: idParams, response: userResponseSchema,
    permission: { action: 'user:read', on: 'global' }, summary: 'A user', description: 'Users may always read themselves.',
    example: async (f) => ({ params: { id: (await f.user()).id } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/users/:id', params: idParams, body: modifyUserRequestSchema, response: userResponseSchema,
    permission: { action: 'user:write', on: 'global' }, summary: 'Modify a user', description: 'Users may change their own name, email and password, not their roles.',
    example: async (f) => ({ params: { id: (await f.user()).id }, body: { name: 'renamed' } }),
  }),
  delete: adminRoute({
    method: 'DELETE', path: '/users/:id', params: idParams, response: 'empty',
    permission: { action: 'user:write', on: 'global' }, summary: 'Delete a user',
    example: async (f) => ({ params: { id: (await f.user()).id } }),
  }),
  requirePasswordReset: adminRoute({
    method: 'POST', path: '/users/:id/require_password_reset', params: idParams, body: requirePasswordResetRequestSchema, response: userResponseSchema,
    permission: { action: 'user:write', on: 'global' }, summary: 'Require a password reset at next login (ends the user\'s sessions)',
    example: async (f) => ({ params: { id: (await f.user()).id }, body: { require: true } }),
  }),
  sessions: adminRoute({
    method: 'GET', path: '/users/:id/sessions', params: idParams, response: sessionsResponseSchema,
    permission: { action: 'session:admin', on: 'global' }, summary: "A user's sessions",
    example: async (f) => ({ params: { id: (await f.user()).id } }),
  }),
  deleteSessions: adminRoute({
    method: 'DELETE', path: '/users/:id/sessions', params: idParams, response: 'empty',
    permission: { action: 'session:admin', on: 'global' }, summary: "End all of a user's sessions",
    example: async (f) => ({ params: { id: (await f.user()).id } }),
  }),
};

/** Signing in and out, the signed-in user, sessions and first-run setup (fleet-admin-api.md §1.1). */
export const sessionRoutes = {
  login: adminRoute({
    method: 'POST', path: '/login', body: loginRequestSchema, response: loginResponseSchema,
    permission: 'public', summary: 'Log in',
    description: 'Rate limited per account and per client address. For a user with `mfa_enabled` it answers 202 `{"message": …}` and mails a one-time '
      + 'login link instead (clients must send `supports_email_verification: true`, others get 400); `POST /sessions` finishes the login.',
    example: () => ({ body: { email: 'admin@example.com', password: 'password1234!' } }),
  }),
  logout: adminRoute({
    method: 'POST', path: '/logout', response: 'empty', allowedDuringPasswordReset: true,
    permission: 'authenticated', summary: 'Log out (ends this session)',
    example: () => ({}),
  }),
  me: adminRoute({
    method: 'GET', path: '/me', response: meResponseSchema, allowedDuringPasswordReset: true,
    permission: 'authenticated', summary: 'The signed-in user and the teams it may switch to',
    example: () => ({}),
  }),
  changePassword: adminRoute({
    method: 'POST', path: '/change_password', body: changePasswordRequestSchema, response: 'empty',
    permission: 'authenticated', summary: 'Change own password',
    example: () => ({ body: { old_password: 'wrong', new_password: 'newpassword12!' } }),
  }),
  performRequiredPasswordReset: adminRoute({
    method: 'POST', path: '/perform_required_password_reset', body: z.object({ new_password: z.string() }), response: userResponseSchema,
    allowedDuringPasswordReset: true, permission: 'authenticated', summary: 'Set a new password when one is required',
    example: () => ({ body: { new_password: 'newpassword12!' } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/sessions/:id', params: idParams, response: sessionSchema,
    permission: { action: 'session:admin', on: 'global' }, summary: 'A session',
    example: async (f) => ({ params: { id: (await f.session()).id } }),
  }),
  delete: adminRoute({
    method: 'DELETE', path: '/sessions/:id', params: idParams, response: 'empty',
    permission: { action: 'session:admin', on: 'global' }, summary: 'End a session',
    example: async (f) => ({ params: { id: (await f.session()).id } }),
  }),
  setup: setup('/api/v1/setup', 'First admin and organisation (only while no user exists)'),
  setupLegacy: setup('/api/setup', 'First admin and organisation (older path)'),
};

