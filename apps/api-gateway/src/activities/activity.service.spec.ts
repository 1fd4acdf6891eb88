import type { Activity, ListOptions, Page } from '@fleet/domain';
import { UNPAGED } from '@fleet/domain';
import { ActivityRepository } from '@fleet/persistence';
import { callerWith } from '../hosts/testing/memory-hosts';
import { ActivityService } from './activity.service';

class RecordingActivities extends ActivityRepository {
  readonly asked: ListOptions[] = [];

  constructor() {
    super(undefined as never);
  }

  override list(opts: ListOptions): Promise<Page<Activity>> {
    this.asked.push(opts);
    return Promise.resolve({ items: [], hasNext: false, hasPrevious: false });
  }
}

describe('ActivityService', () => {
  it('lists newest first unless an order is given', async () => {
    const repo = new RecordingActivities();
    const service = new ActivityService(repo);
    await service.list(callerWith('observer'), UNPAGED);
    await service.list(callerWith('observer'), { ...UNPAGED, orderKey: 'created_at' });
    expect(repo.asked).toEqual([{ ...UNPAGED, orderKey: 'id', orderDirection: 'desc' }, { ...UNPAGED, orderKey: 'created_at' }]);
  });

  it('is read by global roles except gitops, never by team roles', async () => {
    const service = new ActivityService(new RecordingActivities());
    await expect(service.list(callerWith('gitops'), UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.list(callerWith({ teams: [{ teamId: 1, role: 'admin' }] }), UNPAGED)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
