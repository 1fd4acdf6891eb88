import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { AdminExceptionFilter } from './admin-exception.filter';
import { AuthGuard } from './auth.guard';
import { AuthzBackstopInterceptor } from './authz-backstop.interceptor';
import { ReadRoutingInterceptor } from './read-routing.interceptor';

/** Fleet serves the same handlers under every version prefix (fleet-admin-api.md §1.0). */
export const API_PREFIXES = ['api/v1/fleet', 'api/2022-04/fleet', 'api/latest/fleet'] as const;

const adminPlumbing = (): ClassDecorator[] => [UseGuards(AuthGuard), UseInterceptors(AuthzBackstopInterceptor, ReadRoutingInterceptor), UseFilters(AdminExceptionFilter)];

/**
 * Every admin controller uses this instead of @Controller: bearer authentication, the authorization
 * backstop, read routing (read replica) and Fleet's error body come together, so no controller can opt out of one. Paths come from the
 * handlers' route declarations (`@Endpoint`), which carry every version prefix.
 */
export function AdminApi(): ClassDecorator {
  return applyDecorators(Controller(), ...adminPlumbing());
}

/** The same for controllers not yet declared through `@Endpoint`: a path under every version prefix. */
export function AdminController(path = '', prefixes: readonly string[] = API_PREFIXES): ClassDecorator {
  return applyDecorators(Controller(prefixes.map((p) => (path ? `${p}/${path}` : p))), ...adminPlumbing());
}
