import type { Caller } from '@fleet/auth';
import { queryRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { QueryFields } from '@fleet/domain';
import { listMeta } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toQueryDto, toReportRowDto } from './query.mapper';
import { QueryService } from './query.service';

/** Fleet's JSON names → the query's fields; absent keys stay absent so PATCH changes only what was sent. */
function fields(b: RouteInput<typeof r.modify>['body']): Partial<QueryFields> {
  const out: Partial<Record<keyof QueryFields, unknown>> = {
    name: b.name, query: b.query, description: b.description, observerCanRun: b.observer_can_run, interval: b.interval, platform: b.platform,
    minOsqueryVersion: b.min_osquery_version, automationsEnabled: b.automations_enabled, logging: b.logging, discardData: b.discard_data,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** Saved queries (fleet-admin-api.md §1.5); routes declared in libs/contracts queries.routes.ts. */
@AdminApi()
export class QueriesController {
  constructor(private readonly service: QueryService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const { team_id, merge_inherited, platform, ...opts } = query;
    const page = await this.service.list(caller, team_id ?? null, merge_inherited === 'true', opts, platform || undefined);
    return { queries: page.items.map((q) => toQueryDto(q)), count: page.count, meta: listMeta(page) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    return { query: toQueryDto(await this.service.create(caller, body.team_id ?? null, { ...fields(body), name: body.name, query: body.query })) };
  }

  @Endpoint(r.deleteMany)
  async deleteMany(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.deleteMany>) {
    return { deleted: await this.service.deleteMany(caller, body.ids) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    const v = await this.service.get(caller, params.id);
    return { query: toQueryDto(v.query, v.packs) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    return { query: toQueryDto(await this.service.modify(caller, params.id, fields(body))) };
  }

  @Endpoint(r.report)
  async report(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.report>) {
    const paged = query.perPage > 0;
    const report = await this.service.report(caller, params.id, paged ? { page: query.page, perPage: query.perPage } : undefined);
    const meta = paged ? { meta: { has_next_results: report.hasNext, has_previous_results: query.page > 0 } } : {};
    return { query_id: params.id, report_clipped: report.clipped, results: report.rows.map(toReportRowDto), ...meta };
  }

  @Endpoint(r.deleteById)
  async deleteById(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deleteById>) {
    await this.service.deleteById(caller, params.id);
    return {};
  }

  /** By URL-escaped name (Fastify has already decoded it) within `team_id` (omitted = global). */
  @Endpoint(r.deleteByName)
  async deleteByName(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.deleteByName>) {
    await this.service.deleteByName(caller, query.team_id ?? null, params.name);
    return {};
  }
}
