import { nextFreeName } from './schedule-name.rule';

describe('nextFreeName', () => {
  it('keeps a free name', () => {
    expect(nextFreeName('uptime', ['other'])).toBe('uptime');
  });

  it('takes the first free numbered name', () => {
    expect(nextFreeName('uptime', ['uptime'])).toBe('uptime-1');
    expect(nextFreeName('uptime', ['uptime', 'uptime-1', 'uptime-3'])).toBe('uptime-2');
  });
});
