import { Get, Param, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { listQuerySchema, optionalIntParam } from '@fleet/contracts';
import type { SoftwareRecord } from '@fleet/persistence';
import { z } from 'zod';
import { listMeta } from '../core/time.mapper';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseId, parseQuery } from '../http/edge-parse';
import { SoftwareService } from './software.service';

const teamQuery = z.object({ team_id: optionalIntParam }).passthrough();

/** Vulnerability data is not collected, so `vulnerabilities` is null and `generated_cpe` empty. */
const toSoftwareDto = (s: SoftwareRecord) => ({
  id: s.id, name: s.name, version: s.version, source: s.source, browser: '', release: s.release, vendor: s.vendor, arch: s.arch,
  generated_cpe: '', vulnerabilities: null, hosts_count: s.hostsCount,
});

/**
 * Software versions (fleet-admin-api.md §1.14): `/software/versions` and the deprecated `/software` list
 * share one handler shape. Counts are live, so `counts_updated_at` is null.
 */
@AdminController('software')
export class SoftwareController {
  constructor(private readonly service: SoftwareService) {}

  @Get()
  async listDeprecated(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    return this.list(caller, query);
  }

  @Get('versions')
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    const page = await this.service.list(caller, parseQuery(teamQuery, query).team_id, opts.orderKey ? opts : { ...opts, orderKey: 'hosts_count', orderDirection: 'desc' });
    return { counts_updated_at: null, count: page.count, software: page.items.map(toSoftwareDto), meta: listMeta(page) };
  }

  /** `{count}` of the versions that `GET /software/versions` would list with the same filters. */
  @Get('count')
  async count(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    return { count: (await this.service.list(caller, parseQuery(teamQuery, query).team_id, { ...opts, page: 0, perPage: 1 })).count };
  }

  @Get('versions/:id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: unknown) {
    return { software: toSoftwareDto(await this.service.get(caller, parseQuery(teamQuery, query).team_id, parseId(id))) };
  }
}
