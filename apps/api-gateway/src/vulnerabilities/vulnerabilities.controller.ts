import { Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Caller } from '@fleet/auth';
import { vulnerabilityRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { listMeta, rfc3339 } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toOsVersionDto, toOsVersionEntryDto, toVulnerabilityDetailDto, toVulnerabilityDto } from './vulnerability.mapper';
import { VulnerabilityService } from './vulnerability.service';

/** CVEs and OS versions (fleet-admin-api.md §1.14); routes declared in libs/contracts vulnerabilities.routes.ts. */
@AdminApi()
export class VulnerabilitiesController {
  constructor(private readonly service: VulnerabilityService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const page = await this.service.list(caller, query.filters.team_id, { ...query.list, ...(query.filters.exploit ? { exploit: true } : {}) });
    return {
      vulnerabilities: page.items.map(toVulnerabilityDto), count: page.count, counts_updated_at: page.countsUpdatedAt ? rfc3339(page.countsUpdatedAt) : null, meta: listMeta(page),
    };
  }

  /** 204 with no body when the CVE is known but affects none of the caller's hosts (Fleet's answer). */
  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.get>, @Res() reply: FastifyReply): Promise<undefined> {
    const v = await this.service.get(caller, query.team_id, params.cve);
    if (v) await reply.status(200).send({ vulnerability: toVulnerabilityDetailDto(v) });
    else await reply.status(204).send();
    return undefined;
  }

  @Endpoint(r.osVersions)
  async osVersions(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.osVersions>) {
    const filters = { ...(query.team_id !== undefined ? { teamId: query.team_id } : {}), ...(query.platform ? { platform: query.platform } : {}),
      ...(query.os_name !== undefined ? { nameOnly: query.os_name, version: query.os_version ?? '' } : {}) };
    const page = await this.service.listOsVersions(caller, filters, query, query.max_vulnerabilities);
    return {
      count: page.count, counts_updated_at: page.countsUpdatedAt ? rfc3339(page.countsUpdatedAt) : null, os_versions: page.items.map(toOsVersionEntryDto), meta: listMeta(page),
    };
  }

  @Endpoint(r.osVersion)
  async osVersion(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.osVersion>) {
    const { os, countsUpdatedAt } = await this.service.getOsVersion(caller, query.team_id, params.id, query.max_vulnerabilities);
    return { counts_updated_at: countsUpdatedAt ? rfc3339(countsUpdatedAt) : null, os_version: toOsVersionDto(os) };
  }
}
