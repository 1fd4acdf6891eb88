import { AdminError, AdminErrorCode } from '@fleet/auth';
import { LiveQueryStatusService } from './live-query-status.service';
import { callerWith, MemoryAppConfig, MemoryResultsFeed } from './testing/memory-live-query';

const rejection = async (p: Promise<unknown>): Promise<AdminError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AdminError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('LiveQueryStatusService', () => {
  it('answers while live queries are on and the result store answers; says which of the two is not the case', async () => {
    const appConfig = new MemoryAppConfig();
    const feed = new MemoryResultsFeed();
    const status = new LiveQueryStatusService(appConfig, feed);
    await expect(status.liveQuery(callerWith('gitops'))).resolves.toBeUndefined();
    appConfig.liveQueryDisabled = true;
    expect((await rejection(status.liveQuery(callerWith('observer')))).code).toBe(AdminErrorCode.LIVE_QUERY_DISABLED);
    await expect(status.resultStore(callerWith('observer'))).resolves.toBeUndefined();
    feed.reachable = false;
    const down = await rejection(status.resultStore(callerWith({ 1: 'observer' })));
    expect([down.code, down.message]).toEqual([AdminErrorCode.DEPENDENCY_UNAVAILABLE, 'result store unavailable: connection refused']);
  });
});
