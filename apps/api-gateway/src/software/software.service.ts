import { Injectable } from '@nestjs/common';
import { authorize, authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { HostSoftwareTitle, ListOptions, Page, SoftwareFilters, SoftwareTitle, SoftwareVersion, TeamScope } from '@fleet/domain';
import { HostRepository, SoftwareRepository } from '@fleet/persistence';

/**
 * The scope a software read covers: a `teamId` names one team's inventory and needs a reading role on it (0,
 * hosts with no team, is global: global readers only), as Fleet authorizes it; without one, the caller's teams.
 */
export function readScope(caller: Caller, action: 'software:read' | 'host:read', teamId: number | undefined): TeamScope {
  if (teamId !== undefined) authorize(caller, action, { teamId: teamId === 0 ? null : teamId });
  return authorizeScope(caller, action);
}

type Listed<T> = Page<T> & { count: number };

/** Software versions and titles with host counts and CVEs, and a host's software (fleet-admin-api.md §1.14). */
@Injectable()
export class SoftwareService {
  constructor(private readonly software: SoftwareRepository, private readonly hosts: HostRepository) {}

  /** Most installed first unless an order is given; `count` is the number of versions in all pages. */
  async listVersions(caller: Caller, filters: SoftwareFilters, opts: ListOptions): Promise<Listed<SoftwareVersion>> {
    const scope = readScope(caller, 'software:read', filters.teamId);
    return this.software.listVersions(scope, filters, opts.orderKey ? opts : { ...opts, orderKey: 'hosts_count', orderDirection: 'desc' });
  }

  /** How many versions `listVersions` would return across its pages. */
  async countVersions(caller: Caller, filters: SoftwareFilters, opts: ListOptions): Promise<number> {
    const scope = readScope(caller, 'software:read', filters.teamId);
    return (await this.software.listVersions(scope, filters, { ...opts, page: 0, perPage: 1 })).count;
  }

  async getVersion(caller: Caller, teamId: number | undefined, id: number): Promise<SoftwareVersion> {
    const scope = readScope(caller, 'software:read', teamId);
    const s = await this.software.findVersion(scope, teamId, id);
    if (!s) throw notFound(`Software with id=${id} was not found in the datastore`);
    return s;
  }

  async listTitles(caller: Caller, filters: SoftwareFilters, opts: ListOptions): Promise<Listed<SoftwareTitle>> {
    const scope = readScope(caller, 'software:read', filters.teamId);
    return this.software.listTitles(scope, filters, opts.orderKey ? opts : { ...opts, orderKey: 'hosts_count', orderDirection: 'desc' });
  }

  async getTitle(caller: Caller, teamId: number | undefined, id: number): Promise<SoftwareTitle> {
    const scope = readScope(caller, 'software:read', teamId);
    const t = await this.software.findTitle(scope, teamId, id);
    if (!t) throw notFound(`SoftwareTitle ${id} was not found in the datastore`);
    return t;
  }

  /** A host outside the caller's teams is not found, as an unknown one. */
  async hostSoftware(caller: Caller, hostId: number, opts: ListOptions & { readonly vulnerable?: boolean }): Promise<Listed<HostSoftwareTitle>> {
    const scope = authorizeScope(caller, 'host:read');
    const host = await this.hosts.findById(scope, hostId);
    if (!host) throw notFound(`Host ${hostId} was not found in the datastore`);
    return this.software.hostSoftware(host.id, opts);
  }
}
