import { Inject, Injectable } from '@nestjs/common';
import { alreadyExists, authorize, authorizeScope, invalid, notFound, visibleScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock, Host, HostFilters, Label, ListOptions, Page, TeamScope } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import { LabelRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';
import { ActivityRecorder } from '../core/activity.recorder';
import { HostService } from '../hosts/host.service';

/** The hosts whose label membership a caller may count: those they may read. */
const hostScope = (caller: Caller): TeamScope => visibleScope(caller, 'host:read');

export interface NewLabel { readonly name: string; readonly description?: string; readonly query?: string; readonly platform?: string; readonly hosts?: readonly string[] }

/**
 * Labels (fleet-admin-api.md §1.4). Labels are global objects: read by every reader role, written by global
 * writers only. Built-in labels never change. Every change bumps the agent config version, because
 * dynamic labels are delivered to agents as distributed queries. A label's host count covers only the hosts
 * the caller may see, as Fleet counts it.
 */
@Injectable()
export class LabelService {
  constructor(
    private readonly labels: LabelRepository,
    private readonly hostService: HostService,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async list(caller: Caller, opts: ListOptions): Promise<Page<Label>> {
    authorize(caller, 'label:read', { teamId: null });
    return this.labels.list(opts, hostScope(caller));
  }

  /** Every label, by id: `/labels/summary` takes no list options. */
  async summary(caller: Caller): Promise<Label[]> {
    return (await this.list(caller, { page: 0, perPage: 0, orderDirection: 'asc', orderKey: 'id' })).items;
  }

  async get(caller: Caller, id: number): Promise<Label> {
    authorize(caller, 'label:read', { teamId: null });
    return this.mustFind(id, hostScope(caller));
  }

  /** A manual label when `hosts` is given or there is no query; both at once is refused as Fleet does. */
  async create(caller: Caller, req: NewLabel): Promise<Label> {
    authorize(caller, 'label:write', { teamId: null });
    if (req.query && req.hosts) throw invalid('hosts', 'label cannot have both a query and a list of hosts');
    if (await this.labels.findByName(req.name)) throw alreadyExists(`Label with name=${req.name} already exists`);
    const manual = req.hosts !== undefined || !req.query;
    const id = await this.labels.create({
      name: req.name, description: req.description ?? '', query: req.query ?? '', platform: req.platform ?? '', manual, authorId: caller.signedIn.id,
    });
    if (req.hosts) await this.labels.setHosts(id, await this.labels.hostIdsFor(req.hosts));
    await this.changed(caller, 'created_label', id, req.name);
    return this.mustFind(id, hostScope(caller));
  }

  async modify(caller: Caller, id: number, patch: { name?: string; description?: string; hosts?: readonly string[] }): Promise<Label> {
    authorize(caller, 'label:write', { teamId: null });
    const label = await this.mustFind(id, hostScope(caller));
    if (label.builtin) throw invalid('label_type', `cannot modify built-in label '${label.name}'`);
    if (patch.hosts && !label.manual) throw invalid('hosts', 'cannot provide a list of hosts for a dynamic label');
    if (patch.name !== undefined && patch.name !== label.name && (await this.labels.findByName(patch.name))) {
      throw alreadyExists(`Label with name=${patch.name} already exists`);
    }
    await this.labels.update(id, { name: patch.name, description: patch.description });
    if (patch.hosts) await this.labels.setHosts(id, await this.labels.hostIdsFor(patch.hosts));
    await this.changed(caller, 'edited_label', id, patch.name ?? label.name);
    return this.mustFind(id, hostScope(caller));
  }

  async deleteByName(caller: Caller, name: string): Promise<void> {
    authorize(caller, 'label:write', { teamId: null });
    const label = await this.labels.findByName(name);
    if (!label) throw notFound(`Label with name=${name} was not found in the datastore`);
    await this.remove(caller, label);
  }

  async deleteById(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'label:write', { teamId: null });
    await this.remove(caller, await this.mustFind(id, hostScope(caller)));
  }

  /** The label's hosts that the caller may see, with the host-list filters; refused (403) before an unknown label is 404. */
  async hosts(caller: Caller, id: number, filters: HostFilters, opts: ListOptions): Promise<Page<Host>> {
    const scope = authorizeScope(caller, 'host:read');
    await this.mustFind(id, scope);
    return this.hostService.list(caller, { ...filters, labelId: id }, opts);
  }

  private async remove(caller: Caller, label: Label): Promise<void> {
    if (label.builtin) throw invalid('name', `cannot delete built-in label '${label.name}'`);
    await this.labels.delete(label.id);
    await this.changed(caller, 'deleted_label', label.id, label.name);
  }

  private async changed(caller: Caller, type: string, id: number, name: string): Promise<void> {
    await this.activities.record(caller, type, { label_id: id, label_name: name });
    await this.hostCache.bumpConfigVersion();
  }

  private async mustFind(id: number, scope: TeamScope): Promise<Label> {
    const label = await this.labels.findById(id, scope);
    if (!label) throw notFound(`Label with id=${id} was not found in the datastore`);
    return label;
  }
}
