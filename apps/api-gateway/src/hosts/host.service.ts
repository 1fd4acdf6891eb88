import { Inject, Injectable } from '@nestjs/common';
import { authorize, authorizeScope, badRequest, forbidden, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { hostFiltersFromBody } from '@fleet/contracts';
import type { HostFiltersBody, HostPopulate } from '@fleet/contracts';
import type { Clock, Host, HostDetailParts, HostFilters, ListOptions, Page, TeamScope } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import { HostDetailRepository, HostRepository, TeamRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import type { HostListExtras } from './host.mapper';

/** Fleet's message for an unknown identifier (server/fleet/errors.go HostNotFoundErrMsg). */
export const HOST_NOT_FOUND = "Host doesn't exist. Make sure you provide a valid hostname, UUID, or serial number. Learn more about host identifiers: https://fleetdm.com/learn-more-about/host-identifiers";

/** A host with the arrays of its detail page. */
export interface HostDetail { readonly host: Host; readonly parts: HostDetailParts }

const notFoundById = (id: number) => notFound(`Host with id=${id} was not found in the datastore`);

/** Filters from a JSON body, checked after the permission check as Fleet's service does; a bad one is 400. */
function bodyFilters(f: HostFiltersBody): HostFilters {
  const r = hostFiltersFromBody(f);
  if (!r.ok) throw badRequest(r.reason);
  return r.filters;
}

/** Hosts (fleet-admin-api.md §1.3). Team users see and act on their teams' hosts only. */
@Injectable()
export class HostService {
  constructor(
    private readonly hosts: HostRepository,
    private readonly details: HostDetailRepository,
    private readonly teams: TeamRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(caller: Caller, filters: HostFilters, opts: ListOptions): Promise<Page<Host>> {
    const scope = authorizeScope(caller, 'host:read');
    return this.hosts.list(scope, filters, opts, this.clock.now());
  }

  /**
   * The hosts of a CSV report in batches, in list order. The permission check runs before this returns, so a
   * refusal is an ordinary error answer; the rows are read while the answer streams.
   */
  report(caller: Caller, filters: HostFilters, opts: ListOptions): { readonly now: Date; readonly batches: AsyncIterable<readonly Host[]> } {
    const scope = authorizeScope(caller, 'host:read');
    const now = this.clock.now();
    return { now, batches: this.hosts.listInBatches(scope, filters, opts, now) };
  }

  async count(caller: Caller, filters: HostFilters): Promise<number> {
    const scope = authorizeScope(caller, 'host:read');
    return this.hosts.count(scope, filters, this.clock.now());
  }

  async get(caller: Caller, id: number, withSoftware: boolean): Promise<HostDetail> {
    const scope = authorizeScope(caller, 'host:read');
    const host = await this.hosts.findById(scope, id);
    if (!host) throw notFoundById(id);
    return { host, parts: await this.parts(host, withSoftware) };
  }

  async getByIdentifier(caller: Caller, identifier: string, withSoftware: boolean): Promise<HostDetail> {
    const scope = authorizeScope(caller, 'host:read');
    const host = await this.hosts.findByIdentifier(scope, identifier);
    if (!host) throw notFound(HOST_NOT_FOUND);
    return { host, parts: await this.parts(host, withSoftware) };
  }

  async delete(caller: Caller, id: number): Promise<void> {
    const scope = authorizeScope(caller, 'host:write');
    const host = await this.hosts.findById(scope, id);
    if (!host) throw notFoundById(id);
    await this.remove(caller, [host]);
  }

  /** Bulk delete by ids or by body filters (no ids and no filters = every host in scope). */
  async deleteMany(caller: Caller, ids: readonly number[] | undefined, filters: HostFiltersBody | undefined): Promise<void> {
    const scope = authorizeScope(caller, 'host:write');
    const valid = filters ? bodyFilters(filters) : {};
    const targetIds = ids ?? (await this.hosts.ids(scope, valid, this.clock.now()));
    await this.remove(caller, await this.hosts.findMany(scope, targetIds));
  }

  async refetch(caller: Caller, id: number): Promise<void> {
    const scope = authorizeScope(caller, 'host:read');
    const host = await this.hosts.findById(scope, id);
    if (!host) throw notFoundById(id);
    await this.hosts.requestRefetch(id);
    await this.hostCache.invalidate(id);
    await this.activities.record(caller, 'refetched_host', { host_id: id, host_display_name: host.hostname });
  }

  /** Moves hosts to a team (null = no team); the caller needs transfer rights on the destination and the hosts. */
  async transfer(caller: Caller, teamId: number | null, ids: readonly number[]): Promise<void> {
    authorize(caller, 'host:transfer', { teamId });
    const scope: TeamScope = authorizeScope(caller, 'host:transfer');
    const team = teamId === null ? null : await this.teams.findById(teamId);
    if (teamId !== null && !team) throw notFound(`Team with id=${teamId} was not found in the datastore`);
    const found = await this.hosts.findMany(scope, ids);
    if (found.length !== new Set(ids).size) throw scope.kind === 'all' ? notFound('one or more hosts were not found') : forbidden();
    await this.hosts.transfer(ids, teamId);
    for (const h of found) await this.hostCache.invalidate(h.id);
    await this.activities.record(caller, 'transferred_hosts', {
      team_id: teamId, team_name: team?.name ?? null, host_ids: found.map((h) => h.id), host_display_names: found.map((h) => h.hostname),
    });
  }

  /**
   * Moves every host matching the body filters (within the caller's scope) to a team, as Fleet's
   * `POST /hosts/transfer/filter`; `fleetctl hosts transfer --label/--status/--search_query` uses it.
   */
  async transferByFilter(caller: Caller, teamId: number | null, filters: HostFiltersBody): Promise<void> {
    authorize(caller, 'host:transfer', { teamId });
    const scope: TeamScope = authorizeScope(caller, 'host:transfer');
    const ids = await this.hosts.ids(scope, bodyFilters(filters), this.clock.now());
    if (ids.length > 0) await this.transfer(caller, teamId, ids);
  }

  private async remove(caller: Caller, hosts: readonly Host[]): Promise<void> {
    await this.hosts.deleteMany(hosts.map((h) => h.id));
    for (const h of hosts) {
      await this.hostCache.invalidate(h.id);
      await this.activities.record(caller, 'deleted_host', { host_id: h.id, host_display_name: h.hostname, host_serial: h.hardwareSerial, triggered_by: 'manual' });
    }
  }

  private async parts(host: Host, withSoftware: boolean): Promise<HostDetailParts> {
    const [labels, policies, software, users, packs] = await Promise.all([
      this.details.labels(host.id), this.details.policies(host.id, host.teamId),
      withSoftware ? this.details.software(host.id) : Promise.resolve([]), this.details.users(host.id), this.details.packs(host.id, host.teamId),
    ]);
    return { labels, policies, software, users, packs };
  }

  /** The arrays `populate_*` asks for, for one page of hosts (the caller already read the page, so no further check). */
  async populate(hosts: readonly Host[], populate: HostPopulate): Promise<HostListExtras> {
    const ids = hosts.map((h) => h.id);
    const [software, policies, users, labels] = await Promise.all([
      populate.software !== 'none' ? this.details.softwareOf(ids) : undefined,
      populate.policies ? this.details.policiesOf(hosts) : undefined,
      populate.users ? this.details.usersOf(ids) : undefined,
      populate.labels ? this.details.labelsOf(ids) : undefined,
    ]);
    return { software, policies, users, labels };
  }
}
