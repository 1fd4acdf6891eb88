import { compareRpmEvr, parseRpmEvr, rpmvercmp } from './rpm-version';

describe('rpmvercmp', () => {
  it.each([
    ['1.0', '1.0', 0], ['1.0', '2.0', -1], ['2.0.1', '2.0', 1], ['2.0.1a', '2.0.1', 1], ['5.5p1', '5.5p10', -1], ['10', '9', 1],
    ['010', '10', 0], ['1.0a', '1.0.1', -1], ['1_0', '1.0', 0], ['2.0a', '2.0b', -1], ['a', '1', -1],
    ['1.0~rc1', '1.0', -1], ['1.0~rc1', '1.0~rc2', -1], ['1.0~rc1~git123', '1.0~rc1', -1],
    ['1.0^', '1.0', 1], ['1.0^git1', '1.0', 1], ['1.0^git1', '1.0.1', -1], ['1.0^git1', '1.0^git2', -1], ['1.0~rc1^git1', '1.0~rc1', 1],
  ] as const)('%s vs %s → %i', (a, b, expected) => {
    expect(rpmvercmp(a, b)).toBe(expected);
    expect(rpmvercmp(b, a)).toBe(expected === 0 ? 0 : -expected);
  });
});

describe('EVR comparison', () => {
  it('parses epoch, version and release', () => {
    expect(parseRpmEvr('0:8.7p1-38.el9_4.1')).toEqual({ epoch: 0, version: '8.7p1', release: '38.el9_4.1' });
    expect(parseRpmEvr('2.34-60.el9')).toEqual({ epoch: null, version: '2.34', release: '60.el9' });
  });

  it('compares epoch, then version, then release', () => {
    expect(compareRpmEvr('1:1.0-1', '0:2.0-1')).toBe(1);
    expect(compareRpmEvr('2.0-1.el9', '2.0-2.el9')).toBe(-1);
    expect(compareRpmEvr('0:2.34-60.el9', '0:2.34-60.el9_2.7')).toBe(-1);
    expect(compareRpmEvr('8.7p1-38.el9_4.1', '0:8.7p1-38.el9_4.1')).toBe(0);
    expect(compareRpmEvr('8.7p1-38.el9_4.2', '8.7p1-38.el9_4.1')).toBe(1);
  });

  it('a missing epoch counts as 0 by rpm\'s rule, or is left out when the inventory does not carry it', () => {
    expect(compareRpmEvr('3.0.7-27.el9', '1:3.0.7-28.el9')).toBe(-1);
    expect(compareRpmEvr('3.0.7-29.el9', '1:3.0.7-28.el9')).toBe(-1);
    expect(compareRpmEvr('3.0.7-29.el9', '1:3.0.7-28.el9', 'ignore')).toBe(1);
    expect(compareRpmEvr('3.0.7-27.el9', '1:3.0.7-28.el9', 'ignore')).toBe(-1);
  });

  it('compares releases only when both sides have one', () => {
    expect(compareRpmEvr('1.0', '1.0-5')).toBe(0);
  });
});
