import type { LabelRef } from '@fleet/domain';
import { HostLabelRepository } from '@fleet/persistence';
import { MemoryHosts, RecordedHostActivities, aHost, callerWith } from '../hosts/testing/memory-hosts';
import { countingConfigVersion } from '../testing/service-doubles';
import { HostLabelsService } from './host-labels.service';

const A = 10;
const B = 20;

/** Labels by name and the (label, host) memberships; like the SQL, writes touch manual labels only. */
class MemoryHostLabels extends HostLabelRepository {
  readonly members = new Set<string>();
  constructor(private readonly all: LabelRef[]) {
    super(undefined as never);
  }
  override byNames(names: readonly string[]): Promise<LabelRef[]> {
    return Promise.resolve(this.all.filter((l) => names.includes(l.name)));
  }
  override add(hostId: number, ids: readonly number[]): Promise<void> {
    for (const id of ids) if (this.all.find((l) => l.id === id)?.manual) this.members.add(`${id}/${hostId}`);
    return Promise.resolve();
  }
  override remove(hostId: number, ids: readonly number[]): Promise<void> {
    for (const id of ids) if (this.all.find((l) => l.id === id)?.manual) this.members.delete(`${id}/${hostId}`);
    return Promise.resolve();
  }
}

describe('HostLabelsService', () => {
  const setup = () => {
    const labels = new MemoryHostLabels([{ id: 1, name: 'pets', manual: true }, { id: 2, name: 'cattle', manual: true }, { id: 3, name: 'macOS', manual: false }]);
    const activities = new RecordedHostActivities();
    const config = countingConfigVersion();
    const service = new HostLabelsService(new MemoryHosts([aHost({ id: 7, teamId: A }), aHost({ id: 8, teamId: B })]), labels, activities, config.store);
    return { labels, activities, config, service };
  };

  it('adds and removes manual labels by name (each once), recording an edited_label that names the host', async () => {
    const { labels, activities, config, service } = setup();
    await service.add(callerWith('admin'), 7, ['pets', 'cattle', 'pets', '']);
    expect(config.bumps()).toBe(1);
    expect([...labels.members].sort()).toEqual(['1/7', '2/7']);
    expect(activities.entries.map((e) => e.details)).toEqual([
      { label_id: 1, label_name: 'pets', host_id: 7, host_display_name: 'host7' }, { label_id: 2, label_name: 'cattle', host_id: 7, host_display_name: 'host7' },
    ]);
    await service.remove(callerWith('gitops'), 7, ['cattle']);
    expect([...labels.members]).toEqual(['1/7']);
  });

  it('refuses unknown and dynamic labels with Fleet\'s messages, changing nothing', async () => {
    const { labels, config, service } = setup();
    await expect(service.add(callerWith('admin'), 7, ['zeta', 'pets', 'alpha'])).rejects.toMatchObject({
      code: 'BAD_REQUEST', message: 'Couldn\'t add labels. Labels not found: "alpha", "zeta". All labels must exist.' });
    await expect(service.remove(callerWith('admin'), 7, ['macOS', 'pets'])).rejects.toMatchObject({
      code: 'BAD_REQUEST', message: 'Couldn\'t remove labels. Labels are dynamic: "macOS". Dynamic labels can not be assigned to hosts manually.' });
    expect(labels.members.size).toBe(0);
    await expect(service.add(callerWith('admin'), 7, [])).resolves.toBeUndefined();
    expect(config.bumps()).toBe(0);
  });

  it('lets team writers label their team\'s hosts only; observers may not; an unknown host is 404', async () => {
    const { service } = setup();
    const maintainerA = callerWith({ teams: [{ teamId: A, role: 'maintainer' }] });
    await expect(service.add(maintainerA, 7, ['pets'])).resolves.toBeUndefined();
    await expect(service.add(maintainerA, 8, ['pets'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.add(callerWith('observer_plus'), 7, ['pets'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.add(callerWith('admin'), 999, ['pets'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
