import { FixedClock } from './clock';

describe('FixedClock', () => {
  it('only moves when advanced or set', () => {
    const clock = new FixedClock(new Date('2025-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:01.500Z');
    clock.set(new Date('2030-01-01T00:00:00Z'));
    expect(clock.now().getUTCFullYear()).toBe(2030);
  });
});
