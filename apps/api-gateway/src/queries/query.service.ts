import { Injectable } from '@nestjs/common';
import { alreadyExists, authorize, invalid, notFound, visibleScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HostCacheStore } from '@fleet/messaging';
import { queryReportSettings, reportInvalidatedBy } from '@fleet/domain';
import type { ListOptions, Page, QueryFields, QueryPack, QueryReportRow, SavedQuery } from '@fleet/domain';
import { AppConfigRepository, QueryRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

/** A page of a query's report: `perPage` rows after `page` pages. */
export interface ReportPage {
  readonly page: number;
  readonly perPage: number;
}

const DEFAULTS: QueryFields = {
  name: '', description: '', query: '', observerCanRun: false, interval: 0, platform: '', minOsqueryVersion: '',
  automationsEnabled: false, logging: 'snapshot', discardData: false,
};

/**
 * Saved queries with their schedule (fleet-admin-api.md §1.5). A query belongs to a team or is global
 * (null); permission is decided on that team. Changes bump the agent config version so scheduled
 * queries reach agents at their next config fetch.
 */
@Injectable()
export class QueryService {
  constructor(
    private readonly queries: QueryRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
    private readonly appConfig: AppConfigRepository,
  ) {}

  async list(caller: Caller, teamId: number | null, mergeInherited: boolean, opts: ListOptions, platform?: string): Promise<Page<SavedQuery> & { count: number }> {
    authorize(caller, 'query:read', { teamId });
    return this.queries.list(teamId, mergeInherited, opts, platform);
  }

  async get(caller: Caller, id: number): Promise<{ query: SavedQuery; packs: QueryPack[] }> {
    const query = await this.readable(caller, id);
    return { query, packs: await this.queries.packsOf(id) };
  }

  async create(caller: Caller, teamId: number | null, fields: Partial<QueryFields> & { name: string; query: string }): Promise<SavedQuery> {
    authorize(caller, 'query:write', { teamId });
    const team = await this.teamName(teamId);
    if (await this.queries.findByName(teamId, fields.name)) throw alreadyExists(`Query with name=${fields.name} already exists`);
    const id = await this.queries.create(teamId, caller.signedIn.id, { ...DEFAULTS, ...fields });
    await this.changed(caller, 'created_saved_query', { query_id: id, query_name: fields.name, team_id: teamId, team_name: team });
    return this.mustFind(id);
  }

  /** The stored report is dropped when the SQL changes, discard_data turns on, or logging leaves snapshot (Fleet's rule). */
  async modify(caller: Caller, id: number, patch: Partial<QueryFields>): Promise<SavedQuery> {
    authorize(caller, 'query:write', 'any');
    const q = await this.mustFind(id);
    authorize(caller, 'query:write', { teamId: q.teamId });
    if (patch.name !== undefined && patch.name !== q.name && (await this.queries.findByName(q.teamId, patch.name))) {
      throw alreadyExists(`Query with name=${patch.name} already exists`);
    }
    await this.queries.update(id, patch);
    if (reportInvalidatedBy(q, patch)) await this.queries.clearResults(id);
    await this.changed(caller, 'edited_saved_query', { query_id: id, query_name: patch.name ?? q.name, team_id: q.teamId, team_name: await this.teamName(q.teamId) });
    return this.mustFind(id);
  }

  async deleteByName(caller: Caller, teamId: number | null, name: string): Promise<void> {
    authorize(caller, 'query:write', { teamId });
    const q = await this.queries.findByName(teamId, name);
    if (!q) throw notFound(`Query with name=${name} was not found in the datastore`);
    await this.queries.deleteMany([q.id]);
    await this.changed(caller, 'deleted_saved_query', { query_name: q.name, team_id: teamId, team_name: await this.teamName(teamId) });
  }

  async deleteById(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'query:write', 'any');
    const q = await this.mustFind(id);
    authorize(caller, 'query:write', { teamId: q.teamId });
    await this.queries.deleteMany([id]);
    await this.changed(caller, 'deleted_saved_query', { query_name: q.name, team_id: q.teamId, team_name: await this.teamName(q.teamId) });
  }

  /** All-or-nothing: every query must exist and be writable by the caller. */
  async deleteMany(caller: Caller, ids: readonly number[]): Promise<number> {
    authorize(caller, 'query:write', 'any');
    const found = await this.queries.findMany(ids);
    if (found.length !== new Set(ids).size) throw notFound('one or more queries were not found');
    for (const q of found) authorize(caller, 'query:write', { teamId: q.teamId });
    const n = await this.queries.deleteMany(ids);
    await this.changed(caller, 'deleted_multiple_saved_query', { query_ids: found.map((q) => q.id) });
    return n;
  }

  /**
   * The stored results, newest first, restricted to hosts the caller may see: all of them (Fleet's answer, up
   * to `server_settings.query_report_cap` rows) or one page. `clipped` when the report holds as many rows as
   * the cap allows (Fleet's `report_clipped`); `hasNext` when a page has rows after it.
   */
  async report(caller: Caller, id: number, page?: ReportPage): Promise<{ rows: QueryReportRow[]; clipped: boolean; hasNext: boolean }> {
    await this.readable(caller, id);
    const { cap } = queryReportSettings(await this.appConfig.get());
    const scope = visibleScope(caller, 'host:read');
    const window = page ? { limit: page.perPage + 1, offset: page.page * page.perPage } : { limit: cap, offset: 0 };
    const [size, rows] = await Promise.all([this.queries.reportSize(id), this.queries.report(id, scope, window)]);
    const clipped = size >= cap;
    if (!page) return { rows, clipped, hasNext: false };
    return { rows: rows.slice(0, page.perPage), clipped, hasNext: rows.length > page.perPage };
  }

  private async readable(caller: Caller, id: number): Promise<SavedQuery> {
    authorize(caller, 'query:read', 'any');
    const q = await this.mustFind(id);
    authorize(caller, 'query:read', { teamId: q.teamId });
    return q;
  }

  private async teamName(teamId: number | null): Promise<string | null> {
    if (teamId === null) return null;
    const team = await this.teams.findById(teamId);
    if (!team) throw invalid('team_id', `team ${teamId} does not exist`);
    return team.name;
  }

  private async changed(caller: Caller, type: string, details: Record<string, unknown>): Promise<void> {
    await this.activities.record(caller, type, details);
    await this.hostCache.bumpConfigVersion();
  }

  private async mustFind(id: number): Promise<SavedQuery> {
    const q = await this.queries.findById(id);
    if (!q) throw notFound(`Query with id=${id} was not found in the datastore`);
    return q;
  }
}
