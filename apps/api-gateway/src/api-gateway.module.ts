import { Module } from '@nestjs/common';
import { VersionController } from './version/version.controller';

/** The admin-facing role: Fleet's REST API under /api/{v1,2022-04,latest}/fleet and the version route. */
@Module({ controllers: [VersionController] })
export class ApiGatewayModule {}
