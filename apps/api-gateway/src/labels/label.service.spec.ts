import { AdminErrorCode } from '@fleet/auth';
import { FixedClock } from '@fleet/domain';
import type { HostService } from '../hosts/host.service';
import { asLabelRepository, MemoryLabels } from '../testing/memory-content.repositories';
import { callerWith, countingConfigVersion, recordingActivities } from '../testing/service-doubles';
import { LabelService } from './label.service';

describe('LabelService', () => {
  const admin = () => callerWith({ global: 'admin' });
  let labels: MemoryLabels;
  let activities: ReturnType<typeof recordingActivities>;
  let config: ReturnType<typeof countingConfigVersion>;
  let service: LabelService;

  beforeEach(() => {
    labels = new MemoryLabels();
    labels.hosts.set('alpha', 1).set('bravo', 2);
    activities = recordingActivities();
    config = countingConfigVersion();
    // Host lists come from the hosts context; none of these tests lists a label's hosts.
    const hosts: Partial<HostService> = {};
    service = new LabelService(asLabelRepository(labels), hosts as HostService, activities.recorder, config.store, new FixedClock(0));
  });

  it('makes a manual label when hosts are given or there is no query, a dynamic one otherwise', async () => {
    expect(await service.create(admin(), { name: 'pets', hosts: ['alpha', 'nope'] })).toMatchObject({ manual: true, query: '', hostCount: 1 });
    expect(await service.create(admin(), { name: 'empty' })).toMatchObject({ manual: true, hostCount: 0 });
    expect(await service.create(admin(), { name: 'slack', query: 'SELECT 1', platform: 'darwin' })).toMatchObject({ manual: false, platform: 'darwin' });
    expect(activities.log.map((a) => a.type)).toEqual(['created_label', 'created_label', 'created_label']);
    expect(config.bumps()).toBe(3);
  });

  it('refuses a query and hosts together, and a taken name, before writing', async () => {
    await expect(service.create(admin(), { name: 'x', query: 'SELECT 1', hosts: ['alpha'] })).rejects.toMatchObject({
      code: AdminErrorCode.VALIDATION_FAILED, fieldErrors: [{ name: 'hosts', reason: 'label cannot have both a query and a list of hosts' }] });
    await service.create(admin(), { name: 'x', query: 'SELECT 1' });
    await expect(service.create(admin(), { name: 'x', query: 'SELECT 2' })).rejects.toMatchObject({ code: AdminErrorCode.ALREADY_EXISTS, message: 'Label with name=x already exists' });
    expect(labels.rows.size).toBe(1);
  });

  it('never changes or deletes a built-in label', async () => {
    const all = labels.seedBuiltin('All Hosts');
    await expect(service.modify(admin(), all.id, { description: 'd' })).rejects.toMatchObject({
      fieldErrors: [{ name: 'label_type', reason: "cannot modify built-in label 'All Hosts'" }] });
    await expect(service.deleteByName(admin(), 'All Hosts')).rejects.toMatchObject({ fieldErrors: [{ name: 'name', reason: "cannot delete built-in label 'All Hosts'" }] });
    await expect(service.deleteById(admin(), all.id)).rejects.toMatchObject({ code: AdminErrorCode.VALIDATION_FAILED });
    expect(labels.rows.has(all.id)).toBe(true);
    expect(activities.log).toEqual([]);
  });

  it('replaces a manual label’s hosts, refuses hosts for a dynamic one, and refuses renaming onto another label', async () => {
    const pets = await service.create(admin(), { name: 'pets', hosts: ['alpha'] });
    expect(await service.modify(admin(), pets.id, { name: 'cattle', hosts: ['bravo'] })).toMatchObject({ name: 'cattle', hostCount: 1 });
    expect(labels.members.get(pets.id)).toEqual([2]);
    expect(activities.log.at(-1)).toEqual({ type: 'edited_label', details: { label_id: pets.id, label_name: 'cattle' } });
    const slack = await service.create(admin(), { name: 'slack', query: 'SELECT 1' });
    await expect(service.modify(admin(), slack.id, { hosts: ['alpha'] })).rejects.toMatchObject({
      fieldErrors: [{ name: 'hosts', reason: 'cannot provide a list of hosts for a dynamic label' }] });
    await expect(service.modify(admin(), slack.id, { name: 'cattle' })).rejects.toMatchObject({ code: AdminErrorCode.ALREADY_EXISTS });
    expect(activities.log.at(-1)?.type).toBe('created_label');
  });

  it('answers Fleet’s not-found messages by name and by id', async () => {
    await expect(service.deleteByName(admin(), 'nope')).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND, message: 'Label with name=nope was not found in the datastore' });
    await expect(service.get(admin(), 42)).rejects.toMatchObject({ message: 'Label with id=42 was not found in the datastore' });
  });

  it('lets team users read labels but only global writers change them', async () => {
    const teamAdmin = callerWith({ teams: [{ teamId: 1, role: 'admin' }] });
    await expect(service.summary(teamAdmin)).resolves.toEqual([]);
    await expect(service.create(teamAdmin, { name: 'x' })).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    await expect(service.create(callerWith({ global: 'gitops' }), { name: 'x' })).resolves.toMatchObject({ name: 'x' });
  });
});
