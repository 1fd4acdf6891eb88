import { Inject, Injectable } from '@nestjs/common';
import { authorize, invalid, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { ModifyScheduleRequest, ScheduleQueryRequest } from '@fleet/contracts';
import type { Clock, ListOptions, Page, QueryFields, QueryLogging, SavedQuery } from '@fleet/domain';
import { QueryRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { QueryService } from './query.service';

/**
 * Fleet's scheduled-query flags → a logging mode, only when both are given (Fleet's rule): snapshot; else
 * differential, ignoring removals when `removed` is false. Undefined leaves the mode as it is.
 */
export function loggingOf(snapshot: boolean | null | undefined, removed: boolean | null | undefined): QueryLogging | undefined {
  if (snapshot === undefined || snapshot === null || removed === undefined || removed === null) return undefined;
  if (snapshot) return 'snapshot';
  return removed ? 'differential' : 'differential_ignore_removals';
}

/** Fleet's name for a query copied into a schedule: `Copy of <name> (<unix seconds>)`. */
export function copiedQueryName(name: string, now: Date): string {
  return `Copy of ${name} (${Math.floor(now.getTime() / 1000)})`;
}

const notFoundById = (id: number) => notFound(`Query with id=${id} was not found in the datastore`);

/**
 * The 4.35+ schedule routes (`/schedule`, `/global/schedule`, `/teams/:id/schedule`): since scheduling moved
 * onto saved queries, a schedule is the queries of a team (null = global) with an interval, adding a query
 * copies a global one into that team, and editing or removing an entry edits or deletes its query (through
 * QueryService, so the activities and agent-config bumps are those of a query change). An entry of another
 * team, or of the global schedule when a team's is named, is not found.
 */
@Injectable()
export class QueryScheduleService {
  constructor(
    private readonly queries: QueryRepository,
    private readonly teams: TeamRepository,
    private readonly service: QueryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(caller: Caller, teamId: number | null, opts: ListOptions): Promise<Page<SavedQuery>> {
    authorize(caller, 'query:read', { teamId });
    await this.mustFindTeam(teamId);
    return this.queries.listScheduled(teamId, opts);
  }

  /** Authorizes before reading the source, so a caller who may not add to this schedule learns nothing about query ids. */
  async add(caller: Caller, teamId: number | null, req: ScheduleQueryRequest): Promise<SavedQuery> {
    authorize(caller, 'query:write', { teamId });
    await this.mustFindTeam(teamId);
    const source = await this.queries.findById(req.query_id);
    if (!source) throw notFoundById(req.query_id);
    if (source.teamId !== null) throw invalid('query_id', `cannot create a ${teamId === null ? 'global' : 'team'} schedule from a team query`);
    const fields: Partial<QueryFields> & { name: string; query: string } = {
      name: copiedQueryName(source.name, this.clock.now()), query: source.query, description: source.description, observerCanRun: source.observerCanRun,
      interval: req.interval, platform: req.platform ?? '', minOsqueryVersion: req.version ?? '', automationsEnabled: true,
      logging: loggingOf(req.snapshot, req.removed) ?? 'snapshot',
    };
    return this.service.create(caller, teamId, fields);
  }

  async modify(caller: Caller, teamId: number | null, id: number, req: ModifyScheduleRequest): Promise<SavedQuery> {
    await this.entry(caller, teamId, id);
    const patch: { -readonly [K in keyof QueryFields]?: QueryFields[K] } = {};
    if (req.interval !== undefined) patch.interval = req.interval;
    if (req.platform !== undefined && req.platform !== null) patch.platform = req.platform;
    if (req.version !== undefined && req.version !== null) patch.minOsqueryVersion = req.version;
    const logging = loggingOf(req.snapshot, req.removed);
    if (logging) patch.logging = logging;
    return this.service.modify(caller, id, patch);
  }

  async remove(caller: Caller, teamId: number | null, id: number): Promise<void> {
    await this.entry(caller, teamId, id);
    await this.service.deleteById(caller, id);
  }

  /** The entry's query, if it belongs to this schedule; checked after the write permission on the schedule's team. */
  private async entry(caller: Caller, teamId: number | null, id: number): Promise<SavedQuery> {
    authorize(caller, 'query:write', { teamId });
    const q = await this.queries.findById(id);
    if (!q || q.teamId !== teamId) throw notFoundById(id);
    return q;
  }

  private async mustFindTeam(teamId: number | null): Promise<void> {
    if (teamId !== null && !(await this.teams.findById(teamId))) throw notFound(`Team with id=${teamId} was not found in the datastore`);
  }
}
