import { Body, Get, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { enrollSecretSpecRequestSchema } from '@fleet/contracts';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody } from '../http/edge-parse';
import { toSecretDto } from './team.mapper';
import { TeamService } from './team.service';

/** Global enroll secrets through `/spec/enroll_secret` (fleet-admin-api.md §1.10). */
@AdminController('spec/enroll_secret')
export class EnrollSecretSpecController {
  constructor(private readonly service: TeamService) {}

  @Get()
  async get(@CurrentCaller() caller: Caller) {
    return { spec: { secrets: (await this.service.secrets(caller, null)).map(toSecretDto) } };
  }

  /** Replaces the whole global set; `dry_run` validates and authorizes without writing. */
  @Post()
  @HttpCode(200)
  async apply(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(enrollSecretSpecRequestSchema, body);
    if (req.dry_run) await this.service.secrets(caller, null);
    else await this.service.replaceSecrets(caller, null, req.spec.secrets.map((s) => s.secret));
    return {};
  }
}
