import { Module } from '@nestjs/common';
import { ADMIN_MODULES, controllersOf } from './admin-modules';
import { AdminCoreModule } from './core/admin-core.module';
import { VersionController } from './version/version.controller';
import { ADMIN_ROUTES, OpenApiController } from './openapi/openapi.controller';
import { adminRoutes } from './http/route-inventory';
import { AssetCache, uiDir } from './ui/web-ui.assets';
import { WEB_UI_FILES, WebUiController } from './ui/web-ui.controller';

/** Every admin controller; the route-walk tests and the OpenAPI document iterate this list. */
export const ADMIN_CONTROLLERS = [...controllersOf(ADMIN_MODULES), OpenApiController];

/** The admin-facing role: Fleet's REST API under /api/{v1,2022-04,latest}/fleet, the version route and the web UI. */
@Module({
  imports: [AdminCoreModule, ...ADMIN_MODULES],
  controllers: [VersionController, WebUiController, OpenApiController],
  providers: [
    { provide: ADMIN_ROUTES, useFactory: () => adminRoutes(ADMIN_CONTROLLERS) },
    { provide: WEB_UI_FILES, useFactory: () => new AssetCache(uiDir()) },
  ],
})
export class ApiGatewayModule {}
