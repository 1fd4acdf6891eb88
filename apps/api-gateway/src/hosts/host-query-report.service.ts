import { Injectable } from '@nestjs/common';
import { authorize, authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { queryReportSettings } from '@fleet/domain';
import type { Host } from '@fleet/domain';
import { AppConfigRepository, HostDetailRepository, HostRepository, QueryRepository } from '@fleet/persistence';

export interface HostQueryReport {
  readonly host: Host;
  readonly rows: ReadonlyArray<{ readonly lastFetched: Date; readonly columns: Record<string, unknown> }>;
  readonly clipped: boolean;
}

/** A host's stored results of one scheduled query (Fleet's `GET /hosts/:id/queries/:query_id`). */
@Injectable()
export class HostQueryReportService {
  constructor(
    private readonly hosts: HostRepository,
    private readonly details: HostDetailRepository,
    private readonly queries: QueryRepository,
    private readonly appConfig: AppConfigRepository,
  ) {}

  /** Needs to read the host (404 outside the caller's teams) and the query (its team's `query:read`). */
  async report(caller: Caller, hostId: number, queryId: number): Promise<HostQueryReport> {
    const scope = authorizeScope(caller, 'host:read');
    const host = await this.hosts.findById(scope, hostId);
    if (!host) throw notFound(`Host with id=${hostId} was not found in the datastore`);
    const query = await this.queries.findById(queryId);
    if (!query) throw notFound(`Query with id=${queryId} was not found in the datastore`);
    authorize(caller, 'query:read', { teamId: query.teamId });
    const { cap } = queryReportSettings(await this.appConfig.get());
    const rows = await this.details.queryReport(hostId, queryId, cap);
    return { host, rows: rows.slice(0, cap), clipped: rows.length > cap };
  }
}
