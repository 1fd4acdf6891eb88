import { Body, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { setupRequestSchema } from '@fleet/contracts';
import { AdminController } from '../http/admin-controller.decorator';
import { PublicRoute } from '../http/auth.guard';
import { CurrentCaller } from '../http/caller.param';
import { parseBody } from '../http/edge-parse';
import { toUserDto } from '../users/user.mapper';
import { SetupService } from './setup.service';

/** `POST /api/v1/setup` (and Fleet's older `/api/setup`): served only while no user exists. */
@AdminController('', ['api/v1/setup', 'api/setup'])
export class SetupController {
  constructor(private readonly service: SetupService) {}

  @Post()
  @PublicRoute()
  @HttpCode(200)
  async setup(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const r = await this.service.setup(caller, parseBody(setupRequestSchema, body));
    return { admin: toUserDto(r.user), org_info: r.orgInfo, server_url: r.serverUrl, osquery_enroll_secret: null, token: r.token };
  }
}
