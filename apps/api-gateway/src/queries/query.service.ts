import { Injectable } from '@nestjs/common';
import { alreadyExists, authorize, invalid, notFound, visibleScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HostCacheStore } from '@fleet/messaging';
import { reportInvalidatedBy } from '@fleet/domain';
import type { ListOptions, Page, QueryFields, QueryPack, QueryReportRow, SavedQuery } from '@fleet/domain';
import { QueryRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

/** Fleet's default `server_settings.query_report_cap`. */
export const QUERY_REPORT_CAP = 1000;

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

  /** The stored results, restricted to hosts the caller may see; `clipped` when the cap was reached. */
  async report(caller: Caller, id: number): Promise<{ rows: QueryReportRow[]; clipped: boolean }> {
    await this.readable(caller, id);
    const rows = await this.queries.report(id, visibleScope(caller, 'host:read'), QUERY_REPORT_CAP);
    return { rows: rows.slice(0, QUERY_REPORT_CAP), clipped: rows.length > QUERY_REPORT_CAP };
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
