import { Inject } from '@nestjs/common';
import { authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { configRoutes } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint } from '../http/endpoint.decorator';
import type { AdminRoute } from '../http/route-inventory';
import { buildOpenApiDocument } from './openapi.document';

/** Injection token: the admin routes as the route inventory reads them (provided by the module). */
export const ADMIN_ROUTES = Symbol('ADMIN_ROUTES');

/** `GET /openapi.json`: any signed-in user may read the API description (Fleet publishes none). */
@AdminApi()
export class OpenApiController {
  private document: Record<string, unknown> | null = null;

  constructor(@Inject(ADMIN_ROUTES) private readonly routes: readonly AdminRoute[]) {}

  @Endpoint(configRoutes.openapi)
  get(@CurrentCaller() caller: Caller): Record<string, unknown> {
    authorize(caller, 'version:read', { teamId: null });
    this.document ??= buildOpenApiDocument(this.routes, '1.0.0');
    return this.document;
  }
}
