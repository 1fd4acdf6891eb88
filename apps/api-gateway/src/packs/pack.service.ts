import { Injectable } from '@nestjs/common';
import { alreadyExists, authorize, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { HostCacheStore } from '@fleet/messaging';
import type { ListOptions, Pack, PackFields, PackTargets, Page } from '@fleet/domain';
import { PackRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

/**
 * 2017 packs (fleet-admin-api.md §1.7). Packs are global objects: only global admins, maintainers and
 * gitops may read or write them (§2.1). Every change bumps the agent config version, so agents pick up
 * the pack at their next config fetch, and writes Fleet's created/edited/deleted_pack activity.
 */
@Injectable()
export class PackService {
  constructor(
    private readonly packs: PackRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
  ) {}

  async list(caller: Caller, opts: ListOptions): Promise<Page<Pack>> {
    authorize(caller, 'pack:read', { teamId: null });
    return this.packs.list(opts);
  }

  async get(caller: Caller, id: number): Promise<Pack> {
    authorize(caller, 'pack:read', { teamId: null });
    return this.mustFind(id);
  }

  async create(caller: Caller, fields: PackFields, targets: PackTargets): Promise<Pack> {
    authorize(caller, 'pack:write', { teamId: null });
    if (await this.packs.findByName(fields.name)) throw alreadyExists(`Pack with name=${fields.name} already exists`);
    const id = await this.packs.create(fields, targets);
    await this.changed(caller, 'created_pack', { pack_id: id, pack_name: fields.name });
    return this.mustFind(id);
  }

  async modify(caller: Caller, id: number, patch: Partial<PackFields>, targets: Partial<PackTargets>): Promise<Pack> {
    authorize(caller, 'pack:write', { teamId: null });
    const pack = await this.mustFind(id);
    if (patch.name !== undefined && patch.name !== pack.name && (await this.packs.findByName(patch.name))) {
      throw alreadyExists(`Pack with name=${patch.name} already exists`);
    }
    await this.packs.update(id, patch, targets);
    await this.changed(caller, 'edited_pack', { pack_id: id, pack_name: patch.name ?? pack.name });
    return this.mustFind(id);
  }

  async deleteById(caller: Caller, id: number): Promise<void> {
    authorize(caller, 'pack:write', { teamId: null });
    await this.remove(caller, await this.mustFind(id));
  }

  async deleteByName(caller: Caller, name: string): Promise<void> {
    authorize(caller, 'pack:write', { teamId: null });
    const pack = await this.packs.findByName(name);
    if (!pack) throw notFound(`Pack with name=${name} was not found in the datastore`);
    await this.remove(caller, pack);
  }

  private async remove(caller: Caller, pack: Pack): Promise<void> {
    await this.packs.delete(pack.id);
    await this.changed(caller, 'deleted_pack', { pack_name: pack.name });
  }

  private async changed(caller: Caller, type: string, details: Record<string, unknown>): Promise<void> {
    await this.activities.record(caller, type, details);
    await this.hostCache.bumpConfigVersion();
  }

  private async mustFind(id: number): Promise<Pack> {
    const pack = await this.packs.findById(id);
    if (!pack) throw notFound(`Pack with id=${id} was not found in the datastore`);
    return pack;
  }
}
