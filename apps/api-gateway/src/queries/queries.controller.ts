import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { createQueryRequestSchema, idsRequestSchema, listQuerySchema, modifyQueryRequestSchema, optionalIntParam } from '@fleet/contracts';
import type { QueryFields } from '@fleet/persistence';
import { z } from 'zod';
import { listMeta, rfc3339 } from '../core/time.mapper';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { toQueryDto } from './query.mapper';
import { QueryService } from './query.service';

const listFilters = z.object({ team_id: optionalIntParam, merge_inherited: z.string().optional(), platform: z.string().optional() }).passthrough();
const teamParam = z.object({ team_id: optionalIntParam }).passthrough();

type Body = z.output<typeof modifyQueryRequestSchema>;
/** Fleet's JSON names → the repository's fields; absent keys stay absent so PATCH changes only what was sent. */
function fields(b: Body): Partial<QueryFields> {
  const out: Record<string, unknown> = {
    name: b.name, query: b.query, description: b.description, observerCanRun: b.observer_can_run, interval: b.interval, platform: b.platform,
    minOsqueryVersion: b.min_osquery_version, automationsEnabled: b.automations_enabled, logging: b.logging, discardData: b.discard_data,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** Saved queries (fleet-admin-api.md §1.5). */
@AdminController('queries')
export class QueriesController {
  constructor(private readonly service: QueryService) {}

  /** Without team_id: global queries only; with merge_inherited the team's and the global ones. */
  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const f = parseQuery(listFilters, query);
    const page = await this.service.list(caller, f.team_id ?? null, f.merge_inherited === 'true', parseQuery(listQuerySchema, query), f.platform || undefined);
    return { queries: page.items.map((q) => toQueryDto(q)), count: page.count, meta: listMeta(page) };
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(createQueryRequestSchema, body);
    const q = await this.service.create(caller, req.team_id ?? null, { ...fields(req), name: req.name, query: req.query });
    return { query: toQueryDto(q) };
  }

  @Post('delete')
  @HttpCode(200)
  async deleteMany(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return { deleted: await this.service.deleteMany(caller, parseBody(idsRequestSchema, body).ids) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const r = await this.service.get(caller, parseId(id));
    return { query: toQueryDto(r.query, r.packs) };
  }

  @Patch(':id')
  async modify(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return { query: toQueryDto(await this.service.modify(caller, parseId(id), fields(parseBody(modifyQueryRequestSchema, body)))) };
  }

  @Get(':id/report')
  async report(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const queryId = parseId(id);
    const r = await this.service.report(caller, queryId);
    return {
      query_id: queryId, report_clipped: r.clipped,
      results: r.rows.map((x) => ({ host_id: x.hostId, host_name: x.hostName, last_fetched: rfc3339(x.lastFetched), columns: x.data })),
    };
  }

  @Delete('id/:id')
  async deleteById(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.deleteById(caller, parseId(id));
    return {};
  }

  /** By name within `team_id` (query string; omitted = global). */
  @Delete(':name')
  async deleteByName(@CurrentCaller() caller: Caller, @Param('name') name: string, @Query() query: unknown) {
    await this.service.deleteByName(caller, parseQuery(teamParam, query).team_id ?? null, name);
    return {};
  }
}
