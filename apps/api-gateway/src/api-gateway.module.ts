import { Module } from '@nestjs/common';
import { ADMIN_MODULES, controllersOf } from './admin-modules';
import { AdminCoreModule } from './core/admin-core.module';
import { AppConfigController } from './config/app-config.controller';
import { AppConfigService } from './config/app-config.service';
import { SessionService } from './sessions/session.service';
import { SessionsController } from './sessions/sessions.controller';
import { SetupController } from './sessions/setup.controller';
import { SetupService } from './sessions/setup.service';
import { UserService } from './users/user.service';
import { UsersController } from './users/users.controller';
import { VersionApiController } from './version/version-api.controller';
import { VersionController } from './version/version.controller';
import { LabelService } from './labels/label.service';
import { LabelsController } from './labels/labels.controller';
import { PoliciesController } from './policies/policies.controller';
import { PolicyService } from './policies/policy.service';
import { QueriesController } from './queries/queries.controller';
import { QueryService } from './queries/query.service';
import { LabelSpecService } from './specs/label-spec.service';
import { QuerySpecService } from './specs/query-spec.service';
import { SpecsController } from './specs/specs.controller';
import { TeamSpecService } from './specs/team-spec.service';
import { ADMIN_ROUTES, OpenApiController } from './openapi/openapi.controller';
import { adminRoutes } from './http/route-inventory';
import { WebUiController } from './ui/web-ui.controller';

/** Admin controllers not yet in a bounded-context module (ADMIN_MODULES). */
const UNMODULED_CONTROLLERS = [SetupController, SessionsController, UsersController, VersionApiController,
  AppConfigController,
  LabelsController, QueriesController, PoliciesController, SpecsController, OpenApiController];

/** Every admin controller; the route-walk tests and the OpenAPI document iterate this list. */
export const ADMIN_CONTROLLERS = [...controllersOf(ADMIN_MODULES), ...UNMODULED_CONTROLLERS];

/** The admin-facing role: Fleet's REST API under /api/{v1,2022-04,latest}/fleet, the version route and the web UI. */
@Module({
  imports: [AdminCoreModule, ...ADMIN_MODULES],
  controllers: [VersionController, WebUiController, ...UNMODULED_CONTROLLERS],
  providers: [
    SessionService, SetupService, UserService, AppConfigService,
    { provide: ADMIN_ROUTES, useFactory: () => adminRoutes(ADMIN_CONTROLLERS) },
    LabelService, QueryService, PolicyService, QuerySpecService, LabelSpecService, TeamSpecService,
  ],
})
export class ApiGatewayModule {}
