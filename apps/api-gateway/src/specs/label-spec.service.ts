import { Injectable } from '@nestjs/common';
import { authorize, invalid, notFound, visibleScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { LabelSpec } from '@fleet/contracts';
import { HostCacheStore } from '@fleet/messaging';
import { UNPAGED } from '@fleet/domain';
import type { Label } from '@fleet/domain';
import { LabelRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

export interface LabelSpecView { readonly label: Label; readonly hosts: string[] | null }

/**
 * `fleetctl apply/get` for labels (fleet-admin-api.md §1.12): upsert by name. Built-in labels are refused
 * (Fleet #28338); a manual label must list its hosts, which replace the current members.
 */
@Injectable()
export class LabelSpecService {
  constructor(
    private readonly labels: LabelRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
  ) {}

  async list(caller: Caller): Promise<LabelSpecView[]> {
    authorize(caller, 'label:read', { teamId: null });
    const all = (await this.labels.list({ ...UNPAGED, orderKey: 'id' }, visibleScope(caller, 'host:read'))).items;
    return Promise.all(all.map(async (label) => ({ label, hosts: label.manual ? await this.labels.hostIdentifiers(label.id) : null })));
  }

  async get(caller: Caller, name: string): Promise<LabelSpecView> {
    authorize(caller, 'label:read', { teamId: null });
    const label = await this.labels.findByName(name);
    if (!label) throw notFound(`Label with name=${name} was not found in the datastore`);
    return { label, hosts: label.manual ? await this.labels.hostIdentifiers(label.id) : null };
  }

  async apply(caller: Caller, specs: readonly LabelSpec[]): Promise<void> {
    authorize(caller, 'label:write', { teamId: null });
    const existing = new Map((await this.labels.findByNames(specs.map((s) => s.name))).map((l) => [l.name, l]));
    for (const s of specs) {
      if (existing.get(s.name)?.builtin || s.label_type === 'builtin') throw invalid('name', `cannot modify built-in label '${s.name}'`);
      const manual = s.label_membership_type === 'manual';
      if (manual && !s.hosts) throw invalid('hosts', `label ${s.name} is declared as manual but contains no \`hosts key\``);
    }
    for (const s of specs) {
      const manual = s.label_membership_type === 'manual';
      const found = existing.get(s.name);
      const fields = { description: s.description, query: manual ? '' : s.query, platform: s.platform, manual };
      const id = found ? found.id : await this.labels.create({ name: s.name, ...fields, authorId: caller.signedIn.id });
      if (found) await this.labels.update(id, fields);
      if (manual) await this.labels.setHosts(id, await this.labels.hostIdsFor(s.hosts ?? []));
    }
    await this.activities.record(caller, 'applied_spec_label', { labels: specs.map((s) => s.name) });
    await this.hostCache.bumpConfigVersion();
  }
}
