import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { AdminExceptionFilter } from './admin-exception.filter';
import { AuthGuard } from './auth.guard';
import { AuthzBackstopInterceptor } from './authz-backstop.interceptor';

/** Fleet serves the same handlers under every version prefix (fleet-admin-api.md §1.0). */
export const API_PREFIXES = ['api/v1/fleet', 'api/2022-04/fleet', 'api/latest/fleet'] as const;

/**
 * Every admin controller uses this instead of @Controller: the version prefixes, bearer authentication,
 * the authorization backstop and Fleet's error body come together, so no controller can opt out of one.
 */
export function AdminController(path = '', prefixes: readonly string[] = API_PREFIXES): ClassDecorator {
  return applyDecorators(
    Controller(prefixes.map((p) => (path ? `${p}/${path}` : p))),
    UseGuards(AuthGuard),
    UseInterceptors(AuthzBackstopInterceptor),
    UseFilters(AdminExceptionFilter),
  );
}
