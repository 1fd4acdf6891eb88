import { AdminError, AdminErrorCode } from '@fleet/auth';
import type { RunnableQuery } from '@fleet/domain';
import { authorizeRun } from './live-query-authz';
import { callerWith } from './testing/memory-live-query';

const saved = (over: Partial<RunnableQuery> = {}): RunnableQuery => ({ id: 1, name: 'q', query: 'SELECT 1', teamId: null, observerCanRun: false, ...over });

function refused(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (e) {
    return e instanceof AdminError && e.code === AdminErrorCode.FORBIDDEN;
  }
}

describe('authorizeRun', () => {
  it('lets the query:run roles run anything everywhere, and refuses gitops', () => {
    for (const role of ['admin', 'maintainer', 'observer_plus'] as const) {
      expect(authorizeRun(callerWith(role), null)).toEqual({ kind: 'all' });
      expect(authorizeRun(callerWith(role), saved({ teamId: 7 }))).toEqual({ kind: 'all' });
    }
    const gitops = callerWith('gitops');
    expect(refused(() => authorizeRun(gitops, saved({ observerCanRun: true })))).toBe(true);
    expect(gitops.verdict).toBe('denied');
  });

  it('lets observers run only saved queries marked observer_can_run', () => {
    expect(refused(() => authorizeRun(callerWith('observer'), null))).toBe(true);
    expect(refused(() => authorizeRun(callerWith('observer'), saved()))).toBe(true);
    const observer = callerWith('observer');
    expect(authorizeRun(observer, saved({ observerCanRun: true }))).toEqual({ kind: 'all' });
    expect(observer.verdict).toBe('allowed');
  });

  it('gives team users the teams where their role may run the query, and a team query only its own team', () => {
    const user = callerWith({ 1: 'maintainer', 2: 'observer', 3: 'gitops' });
    expect(authorizeRun(user, null)).toEqual({ kind: 'teams', teamIds: [1] });
    expect(authorizeRun(user, saved({ observerCanRun: true }))).toEqual({ kind: 'teams', teamIds: [1, 2] });
    expect(authorizeRun(user, saved({ teamId: 2, observerCanRun: true }))).toEqual({ kind: 'teams', teamIds: [2] });
    expect(refused(() => authorizeRun(callerWith({ 1: 'maintainer', 2: 'observer' }), saved({ teamId: 2 })))).toBe(true);
    expect(refused(() => authorizeRun(callerWith({ 1: 'maintainer' }), saved({ teamId: 3 })))).toBe(true);
  });
});
