import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { createLabelRequestSchema, hostFiltersQuerySchema, listQuerySchema, modifyLabelRequestSchema } from '@fleet/contracts';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { toHostDto } from '../hosts/host.mapper';
import { toLabelDto } from './label.mapper';
import { LabelService } from './label.service';

/** Labels (fleet-admin-api.md §1.4). `/labels` is an older list endpoint: the array only, no meta. */
@AdminController('labels')
export class LabelsController {
  constructor(private readonly service: LabelService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return { labels: (await this.service.list(caller, parseQuery(listQuerySchema, query))).items.map(toLabelDto) };
  }

  @Get('summary')
  async summary(@CurrentCaller() caller: Caller) {
    const page = await this.service.list(caller, { page: 0, perPage: 0, orderDirection: 'asc', orderKey: 'id' });
    return { labels: page.items.map((l) => ({ id: l.id, name: l.name, description: l.description, label_type: l.builtin ? 'builtin' as const : 'regular' as const })) };
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return { label: toLabelDto(await this.service.create(caller, parseBody(createLabelRequestSchema, body))) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return { label: toLabelDto(await this.service.get(caller, parseId(id))) };
  }

  @Patch(':id')
  async modify(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return { label: toLabelDto(await this.service.modify(caller, parseId(id), parseBody(modifyLabelRequestSchema, body))) };
  }

  @Get(':id/hosts')
  async hosts(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: unknown) {
    const page = await this.service.hosts(caller, parseId(id), parseQuery(hostFiltersQuerySchema, query), parseQuery(listQuerySchema, query));
    const now = this.service.now();
    return { hosts: page.items.map((h) => toHostDto(h, now)) };
  }

  @Delete('id/:id')
  async deleteById(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.deleteById(caller, parseId(id));
    return {};
  }

  /** By URL-escaped name (Fastify has already decoded it). */
  @Delete(':name')
  async deleteByName(@CurrentCaller() caller: Caller, @Param('name') name: string) {
    await this.service.deleteByName(caller, name);
    return {};
  }
}
