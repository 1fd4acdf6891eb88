import { Body, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { badRequest } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { deleteHostsRequestSchema, hostFiltersQuerySchema, listQuerySchema, transferHostsByFilterRequestSchema, transferHostsRequestSchema } from '@fleet/contracts';
import type { HostFilters } from '@fleet/persistence';
import { UNPAGED } from '@fleet/persistence';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody, parseId, parseQuery } from '../http/edge-parse';
import { DEFAULT_REPORT_COLUMNS, hostsCsv } from './host-report.csv';
import { toHostDetailDto, toHostDto } from './host.mapper';
import { HostService } from './host.service';

const detailQuery = z.object({ exclude_software: z.enum(['true', 'false', '1', '0']).optional() }).passthrough();
const reportQuery = z.object({ format: z.literal('csv', { message: 'format must be csv' }), columns: z.string().optional() }).passthrough();

/** Filters given in a JSON body, validated as the same filters in a query string are. */
function bodyFilters(f: { query?: string; status?: string; label_id?: number; team_id?: number }): HostFilters {
  return parseQuery(hostFiltersQuerySchema, { query: f.query, status: f.status, label_id: f.label_id?.toString(), team_id: f.team_id?.toString() });
}

/** Hosts (fleet-admin-api.md §1.3). */
@AdminController('hosts')
export class HostsController {
  constructor(private readonly service: HostService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    const page = await this.service.list(caller, parseQuery(hostFiltersQuerySchema, query), opts);
    const now = this.service.now();
    return { hosts: page.items.map((h) => toHostDto(h, now)) };
  }

  @Get('count')
  async count(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return { count: await this.service.count(caller, parseQuery(hostFiltersQuerySchema, query)) };
  }

  @Get('report')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="hosts.csv"')
  async report(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { columns } = parseQuery(reportQuery, query);
    const cols = columns ? columns.split(',').map((c) => c.trim()).filter(Boolean) : [...DEFAULT_REPORT_COLUMNS];
    const unknown = cols.find((c) => !(DEFAULT_REPORT_COLUMNS as readonly string[]).includes(c));
    if (unknown) throw badRequest(`invalid column name: ${unknown}`);
    const opts = parseQuery(listQuerySchema, query);
    const page = await this.service.list(caller, parseQuery(hostFiltersQuerySchema, query), opts.perPage ? opts : { ...UNPAGED, ...opts });
    const now = this.service.now();
    return hostsCsv(page.items.map((h) => toHostDto(h, now)), cols);
  }

  @Post('delete')
  @HttpCode(200)
  async deleteMany(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(deleteHostsRequestSchema, body);
    await this.service.deleteMany(caller, req.ids, req.filters ? bodyFilters(req.filters) : undefined);
    return {};
  }

  @Post('transfer')
  @HttpCode(200)
  async transfer(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(transferHostsRequestSchema, body);
    await this.service.transfer(caller, req.team_id, req.hosts);
    return {};
  }

  @Post('transfer/filter')
  @HttpCode(200)
  async transferByFilter(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(transferHostsByFilterRequestSchema, body);
    await this.service.transferByFilter(caller, req.team_id, bodyFilters(req.filters));
    return {};
  }

  @Get('identifier/:identifier')
  async byIdentifier(@CurrentCaller() caller: Caller, @Param('identifier') identifier: string, @Query() query: unknown) {
    const q = parseQuery(detailQuery, query);
    const r = await this.service.getByIdentifier(caller, identifier, !['true', '1'].includes(q.exclude_software ?? ''));
    return { host: toHostDetailDto(r.host, r.extras, this.service.now()) };
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: unknown) {
    const q = parseQuery(detailQuery, query);
    const r = await this.service.get(caller, parseId(id), !['true', '1'].includes(q.exclude_software ?? ''));
    return { host: toHostDetailDto(r.host, r.extras, this.service.now()) };
  }

  @Delete(':id')
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.delete(caller, parseId(id));
    return {};
  }

  @Post(':id/refetch')
  @HttpCode(200)
  async refetch(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    await this.service.refetch(caller, parseId(id));
    return {};
  }
}
