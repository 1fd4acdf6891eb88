import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { createPackRequestSchema, listQuerySchema, modifyPackRequestSchema } from '@fleet/contracts';
import type { PackTargets } from '@fleet/persistence';
import type { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { toPackDto, toScheduledDto } from './pack.mapper';
import { PackService } from './pack.service';
import { ScheduleService } from './schedule.service';

type Targets = Pick<z.output<typeof modifyPackRequestSchema>, 'host_ids' | 'label_ids' | 'team_ids'>;
/** Sent lists replace the stored ones (null counts as empty); absent lists stay as they are. */
function targets(b: Targets): Partial<PackTargets> {
  const out: Record<string, number[]> = {};
  if (b.host_ids !== undefined) out['hostIds'] = b.host_ids ?? [];
  if (b.label_ids !== undefined) out['labelIds'] = b.label_ids ?? [];
  if (b.team_ids !== undefined) out['teamIds'] = b.team_ids ?? [];
  return out;
}

/** 2017 packs (fleet-admin-api.md §1.7); the list is an array without `meta`, as Fleet's older endpoints. */
@AdminController('packs')
export class PacksController {
  constructor(private readonly packs: PackService, private readonly schedule: ScheduleService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return { packs: (await this.packs.list(caller, parseQuery(listQuerySchema, query))).items.map(toPackDto) };
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const b = parseBody(createPackRequestSchema, body);
    const fields = { name: b.name, description: b.description ?? '', platform: b.platform ?? '', disabled: false };
    return { pack: toPackDto(await this.packs.create(caller, fields, { hostIds: [], labelIds: [], teamIds: [], ...targets(b) })) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { pack: toPackDto(await this.packs.get(caller, parseId(id))) };
  }

  @Patch(':id')
  async modify(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    const b = parseBody(modifyPackRequestSchema, body);
    const patch = Object.fromEntries(Object.entries({ name: b.name, description: b.description, platform: b.platform, disabled: b.disabled })
      .filter(([, v]) => v !== undefined));
    return { pack: toPackDto(await this.packs.modify(caller, parseId(id), patch, targets(b))) };
  }

  @Get(':id/scheduled')
  async scheduled(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { scheduled: (await this.schedule.ofPack(caller, parseId(id))).map(toScheduledDto) };
  }

  @Delete('id/:id')
  async deleteById(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.packs.deleteById(caller, parseId(id));
    return {};
  }

  @Delete(':name')
  async deleteByName(@CurrentCaller() caller: Caller, @Param('name') name: string) {
    await this.packs.deleteByName(caller, name);
    return {};
  }
}
