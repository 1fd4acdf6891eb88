import { inviteRoutes, userRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type User = RouteResponse<typeof userRoutes.list>['users'][number];
export type Invite = RouteResponse<typeof inviteRoutes.list>['invites'][number];
export type CreateUserBody = RouteRequest<typeof userRoutes.create>['body'];
export type ModifyUserBody = RouteRequest<typeof userRoutes.modify>['body'];
export type CreateInviteBody = RouteRequest<typeof inviteRoutes.create>['body'];
export type RoleName = NonNullable<User['global_role']>;

export const usersApi = {
  list: async (signal?: AbortSignal) => (await callRoute(userRoutes.list, { query: { per_page: '1000', order_key: 'name' } }, { signal })).users,
  /** A new user; an API-only user's token is in the answer, shown once. */
  create: (body: CreateUserBody) => callRoute(userRoutes.create, { body }),
  modify: async (id: number, body: ModifyUserBody) => (await callRoute(userRoutes.modify, { params: { id }, body })).user,
  delete: (id: number) => callRoute(userRoutes.delete, { params: { id } }),
  requirePasswordReset: async (id: number, require: boolean) => (await callRoute(userRoutes.requirePasswordReset, { params: { id }, body: { require } })).user,
  invites: async (signal?: AbortSignal) => (await callRoute(inviteRoutes.list, { query: { per_page: '1000' } }, { signal })).invites,
  invite: async (body: CreateInviteBody) => (await callRoute(inviteRoutes.create, { body })).invite,
  deleteInvite: (id: number) => callRoute(inviteRoutes.delete, { params: { id } }),
};
