import { Injectable } from '@nestjs/common';
import { authorizeScope, badRequest, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { LabelRef } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import { HostLabelRepository, HostRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

type Action = 'add' | 'remove';

const quoted = (names: readonly string[]): string => [...names].sort().map((n) => `"${n}"`).join(', ');

/**
 * A host's manual labels (`POST`/`DELETE /hosts/:id/labels`, Fleet's `write_host_label`): writers, also on
 * their team's hosts. Every named label must exist and be manual, or nothing changes (Fleet's 400 messages).
 * Agents never change these memberships: the ingest role writes dynamic labels only.
 */
@Injectable()
export class HostLabelsService {
  constructor(
    private readonly hosts: HostRepository,
    private readonly labels: HostLabelRepository,
    private readonly activities: ActivityRecorder,
    private readonly hostCache: HostCacheStore,
  ) {}

  async add(caller: Caller, hostId: number, names: readonly string[]): Promise<void> {
    await this.change(caller, hostId, names, 'add');
  }

  async remove(caller: Caller, hostId: number, names: readonly string[]): Promise<void> {
    await this.change(caller, hostId, names, 'remove');
  }

  private async change(caller: Caller, hostId: number, names: readonly string[], action: Action): Promise<void> {
    const host = await this.hosts.findById(authorizeScope(caller, 'host:label'), hostId);
    if (!host) throw notFound(`Host with id=${hostId} was not found in the datastore`);
    const labels = await this.manualLabels(action, names);
    if (labels.length === 0) return;
    const ids = labels.map((l) => l.id);
    if (action === 'add') await this.labels.add(hostId, ids);
    else await this.labels.remove(hostId, ids);
    // Packs target labels, so the host's config may change.
    await this.hostCache.bumpConfigVersion();
    for (const l of labels) {
      await this.activities.record(caller, 'edited_label', { label_id: l.id, label_name: l.name, host_id: hostId, host_display_name: host.computerName || host.hostname });
    }
  }

  /** The named labels, once each (empty names ignored); 400 naming the unknown ones, then the dynamic ones, as Fleet does. */
  private async manualLabels(action: Action, names: readonly string[]): Promise<LabelRef[]> {
    const wanted = [...new Set(names.filter((n) => n !== ''))];
    if (wanted.length === 0) return [];
    const found = await this.labels.byNames(wanted);
    const unknown = wanted.filter((n) => !found.some((l) => l.name === n));
    if (unknown.length > 0) throw badRequest(`Couldn't ${action} labels. Labels not found: ${quoted(unknown)}. All labels must exist.`);
    const dynamic = found.filter((l) => !l.manual).map((l) => l.name);
    if (dynamic.length > 0) throw badRequest(`Couldn't ${action} labels. Labels are dynamic: ${quoted(dynamic)}. Dynamic labels can not be assigned to hosts manually.`);
    return found;
  }
}
