import { Body, Get, Patch, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { configPatchRequestSchema } from '@fleet/contracts';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseQuery } from '../http/edge-parse';
import { AppConfigService } from './app-config.service';

const patchQuery = z.object({ dry_run: z.enum(['true', 'false']).optional(), force: z.enum(['true', 'false']).optional() }).passthrough();

/** Organisation settings. */
@AdminController('config')
export class AppConfigController {
  constructor(private readonly service: AppConfigService) {}

  @Get()
  get(@CurrentCaller() caller: Caller) {
    return this.service.get(caller);
  }

  @Patch()
  modify(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: unknown) {
    const q = parseQuery(patchQuery, query);
    return this.service.modify(caller, parseBody(configPatchRequestSchema, body), q.dry_run === 'true');
  }
}
