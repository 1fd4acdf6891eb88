import { ipVersion, isPrivateAddress, normalizeMac, selectPrimaryInterface } from './primary-ip.rule';

describe('selectPrimaryInterface', () => {
  it('prefers a private address over a public one regardless of order', () => {
    expect(
      selectPrimaryInterface([
        { address: '203.0.113.7', mac: '02:00:00:00:00:01', metric: 0 },
        { address: '192.168.1.23', mac: 'A4:83:E7:11:22:33', metric: 100 },
      ]),
    ).toEqual({ ip: '192.168.1.23', mac: 'a4:83:e7:11:22:33' });
  });

  it('among private addresses takes the lowest route metric, then IPv4 over IPv6', () => {
    expect(
      selectPrimaryInterface([
        { address: '10.0.0.5', mac: '00:11:22:33:44:55', metric: 600 },
        { address: '172.20.1.9', mac: '00:11:22:33:44:66', metric: 100 },
      ])?.ip,
    ).toBe('172.20.1.9');
    expect(
      selectPrimaryInterface([
        { address: 'fd12:3456:789a::1', mac: '00:11:22:33:44:55', metric: 0 },
        { address: '10.1.2.3', mac: '00:11:22:33:44:55', metric: 0 },
      ])?.ip,
    ).toBe('10.1.2.3');
  });

  it('ignores loopback, link-local and malformed addresses', () => {
    expect(
      selectPrimaryInterface([
        { address: '127.0.0.1', mac: '00:00:00:00:00:00' },
        { address: 'fe80::1c2b:3aff:fe4d:5e6f', mac: 'aa:bb:cc:dd:ee:ff' },
        { address: '169.254.10.10' },
        { address: '999.1.1.1' },
        { address: 'banana' },
      ]),
    ).toBeNull();
  });

  it('falls back to a public address when no private one exists (cloud hosts)', () => {
    expect(selectPrimaryInterface([{ address: '2001:db8::10', mac: '00-15-5D-01-02-03' }])).toEqual({
      ip: '2001:db8::10',
      mac: '00:15:5d:01:02:03',
    });
  });

  it('keeps the IP when the MAC is malformed', () => {
    expect(selectPrimaryInterface([{ address: '10.0.0.2', mac: 'zz:zz' }])).toEqual({ ip: '10.0.0.2', mac: undefined });
  });
});

describe('address helpers', () => {
  it('classifies IP versions', () => {
    expect(ipVersion('192.168.0.1')).toBe(4);
    expect(ipVersion('::1')).toBe(6);
    expect(ipVersion('fe80::1%en0')).toBe(6);
    expect(ipVersion('1:2:3:4:5:6:7:8')).toBe(6);
    expect(ipVersion('1::2::3')).toBeNull();
    expect(ipVersion('256.0.0.1')).toBeNull();
    expect(ipVersion('')).toBeNull();
  });

  it('knows RFC 1918 and unique-local ranges', () => {
    expect(isPrivateAddress('172.16.0.1')).toBe(true);
    expect(isPrivateAddress('172.31.255.255')).toBe(true);
    expect(isPrivateAddress('172.32.0.1')).toBe(false);
    expect(isPrivateAddress('fc00::1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
  });

  it('normalises MACs and rejects the all-zero MAC', () => {
    expect(normalizeMac(' AA-BB-CC-DD-EE-FF ')).toBe('aa:bb:cc:dd:ee:ff');
    expect(normalizeMac('00:00:00:00:00:00')).toBeUndefined();
    expect(normalizeMac(undefined)).toBeUndefined();
  });
});
