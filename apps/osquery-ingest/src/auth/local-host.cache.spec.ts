import type { AgentHost } from '@fleet/domain';
import { LocalHostCache } from './local-host.cache';

const host = (id: number, patch: Partial<AgentHost> = {}): AgentHost => ({
  id, nodeKey: `nk-${id}`, osqueryHostId: `oh-${id}`, teamId: null, platform: 'ubuntu', hostname: `h${id}`,
  refetchRequested: false, detailUpdatedAt: 0, labelUpdatedAt: 0, policyUpdatedAt: 0, lastEnrolledAt: 0, intervals: '0/0/0', ...patch,
});

describe('LocalHostCache', () => {
  it('holds a host for at most its lifetime (90-100 % of it, spread by host id)', () => {
    const c = new LocalHostCache(10_000, 10, 'me');
    c.set(host(1), 0, c.epoch);
    expect(c.get('nk-1', 8_999)?.id).toBe(1);
    expect(c.get('nk-1', 10_000)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('does not store what was read before an invalidation arrived', () => {
    const c = new LocalHostCache(10_000, 10, 'me');
    const before = c.epoch;
    c.invalidated({ hostIds: [7], nodeKeys: [], origin: 'other', patched: false });
    c.set(host(1), 0, before);
    expect(c.get('nk-1', 1)).toBeUndefined();
    c.set(host(1), 0, c.epoch);
    expect(c.get('nk-1', 1)?.id).toBe(1);
  });

  it('drops hosts named by id or node key, and everything on reset', () => {
    const c = new LocalHostCache(10_000, 10, 'me');
    for (const id of [1, 2, 3]) c.set(host(id), 0, c.epoch);
    c.invalidated({ hostIds: [1], nodeKeys: ['nk-2'], origin: 'other', patched: false });
    expect([c.get('nk-1', 1), c.get('nk-2', 1), c.get('nk-3', 1)?.id]).toEqual([undefined, undefined, 3]);
    c.reset();
    expect(c.size).toBe(0);
  });

  it("keeps its own patched copy when its own notice comes back, and drops it on another replica's", () => {
    const c = new LocalHostCache(10_000, 10, 'me');
    c.set(host(1), 0, c.epoch);
    c.patch('nk-1', { refetchRequested: false, detailUpdatedAt: 5, teamId: '' });
    c.invalidated({ hostIds: [], nodeKeys: ['nk-1'], origin: 'me', patched: true });
    expect(c.get('nk-1', 1)).toMatchObject({ detailUpdatedAt: 5, teamId: null, refetchRequested: false });
    c.invalidated({ hostIds: [], nodeKeys: ['nk-1'], origin: 'other', patched: true });
    expect(c.get('nk-1', 1)).toBeUndefined();
  });

  it('evicts the oldest entry past its size, and a re-enrolled host replaces its old node key', () => {
    const c = new LocalHostCache(10_000, 2, 'me');
    c.set(host(1), 0, c.epoch);
    c.set(host(2), 0, c.epoch);
    c.set(host(3), 0, c.epoch);
    expect([c.get('nk-1', 1), c.get('nk-2', 1)?.id, c.get('nk-3', 1)?.id]).toEqual([undefined, 2, 3]);
    c.set(host(2, { nodeKey: 'nk-2b' }), 0, c.epoch);
    expect([c.get('nk-2', 1), c.get('nk-2b', 1)?.id]).toEqual([undefined, 2]);
  });

  it('stores nothing when its size is 0', () => {
    const c = new LocalHostCache(10_000, 0, 'me');
    c.set(host(1), 0, c.epoch);
    expect([c.enabled, c.size]).toEqual([false, 0]);
  });
});
