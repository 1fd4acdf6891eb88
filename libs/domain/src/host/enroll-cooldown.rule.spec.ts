import { effectiveHostIdentifier, isEnrollTooSoon } from './enroll-cooldown.rule';

describe('isEnrollTooSoon', () => {
  const now = new Date('2025-01-01T00:10:00Z');

  it('is off with a zero cooldown (Fleet default) and for never-enrolled hosts', () => {
    expect(isEnrollTooSoon(now, now, 0)).toBe(false);
    expect(isEnrollTooSoon(null, now, 60_000)).toBe(false);
  });

  it('refuses re-enrollment strictly inside the cooldown', () => {
    expect(isEnrollTooSoon(new Date(now.getTime() - 59_999), now, 60_000)).toBe(true);
    expect(isEnrollTooSoon(new Date(now.getTime() - 60_000), now, 60_000)).toBe(false);
  });
});

describe('effectiveHostIdentifier', () => {
  const input = {
    hostIdentifier: 'provided-id',
    osqueryInfo: { instance_id: 'inst-1', uuid: 'uuid-1' },
    systemInfo: { hostname: '' },
  };

  it('selects the configured detail and falls back to the provided identifier', () => {
    expect(effectiveHostIdentifier('provided', input)).toBe('provided-id');
    expect(effectiveHostIdentifier('instance', input)).toBe('inst-1');
    expect(effectiveHostIdentifier('uuid', input)).toBe('uuid-1');
    expect(effectiveHostIdentifier('hostname', input)).toBe('provided-id');
    expect(effectiveHostIdentifier('instance', { hostIdentifier: 'x' })).toBe('x');
  });
});
