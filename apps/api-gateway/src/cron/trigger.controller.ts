import { HttpCode, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseQuery } from '../http/edge-parse';
import { TriggerService } from './trigger.service';

const triggerQuery = z.object({ name: z.string().optional() }).passthrough();

/** Ad hoc runs of the background schedules (fleet-admin-api.md §1.15, `fleetctl trigger`). */
@AdminController('trigger')
export class TriggerController {
  constructor(private readonly service: TriggerService) {}

  @Post()
  @HttpCode(200)
  async trigger(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    await this.service.trigger(caller, parseQuery(triggerQuery, query).name);
    return {};
  }
}
