import { Get } from '@nestjs/common';
import { authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { buildInfo } from '@fleet/config';
import type { BuildInfo } from '@fleet/config';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';

/** `GET /api/v1/fleet/version`: any signed-in user; fleetctl calls it first to validate its token. */
@AdminController('version')
export class VersionApiController {
  @Get()
  version(@CurrentCaller() caller: Caller): BuildInfo {
    authorize(caller, 'version:read', 'any');
    return buildInfo();
  }
}
