import { sessionRoutes } from '@fleet/contracts';
import type { RouteRequest } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type LoginForm = RouteRequest<typeof sessionRoutes.login>['body'];

export const authApi = {
  login: (body: LoginForm) => callRoute(sessionRoutes.login, { body }),
  logout: () => callRoute(sessionRoutes.logout, {}),
  me: (signal?: AbortSignal) => callRoute(sessionRoutes.me, {}, { signal }),
};
