import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { createScheduledQueryRequestSchema, modifyScheduledQueryRequestSchema } from '@fleet/contracts';
import type { ScheduledQueryFields } from '@fleet/persistence';
import type { z } from 'zod';
import { AdminController, API_PREFIXES } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId } from '../http/edge-parse';
import { toScheduledDto } from './pack.mapper';
import { ScheduleService } from './schedule.service';

/**
 * Fleet serves these as `/schedule` up to v1 and `/packs/schedule` from 2022-04. Both paths are served
 * under every version prefix here: a superset that lets old and new clients alike reach the same handlers.
 */
const BASES = API_PREFIXES.flatMap((p) => [`${p}/schedule`, `${p}/packs/schedule`]);

type Options = z.output<typeof modifyScheduledQueryRequestSchema>;
/** Fleet's JSON names → repository fields; absent keys stay absent, null clears an option. */
function fields(b: Options): Partial<ScheduledQueryFields> {
  const out: Record<string, unknown> = {
    name: b.name, description: b.description, interval: b.interval, snapshot: b.snapshot, removed: b.removed, platform: b.platform,
    version: b.version, shard: b.shard, denylist: b.denylist,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** Scheduled queries of 2017 packs (fleet-admin-api.md §1.7). */
@AdminController('', BASES)
export class ScheduleController {
  constructor(private readonly schedule: ScheduleService) {}

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const b = parseBody(createScheduledQueryRequestSchema, body);
    return { scheduled: toScheduledDto(await this.schedule.create(caller, b.pack_id, { ...fields(b), queryId: b.query_id, interval: b.interval })) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { scheduled: toScheduledDto(await this.schedule.get(caller, parseId(id))) };
  }

  @Patch(':id')
  async modify(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return { scheduled: toScheduledDto(await this.schedule.modify(caller, parseId(id), fields(parseBody(modifyScheduledQueryRequestSchema, body)))) };
  }

  @Delete(':id')
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.schedule.delete(caller, parseId(id));
    return {};
  }
}
