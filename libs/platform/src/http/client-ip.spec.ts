import { clientIpResolver, legacyClientIp } from './client-ip';

describe('client address (server.trusted_proxies)', () => {
  const xff = (v: string) => ({ 'x-forwarded-for': v });

  it('believes X-Forwarded-For only from a trusted proxy, taking the right-most address that is not a proxy', () => {
    const resolve = clientIpResolver('127.0.0.1,::1,10.0.0.0/8');
    expect(resolve(xff('203.0.113.7'), '198.51.100.1')).toBe('198.51.100.1');
    expect(resolve(xff('6.6.6.6, 203.0.113.7'), '127.0.0.1')).toBe('203.0.113.7');
    expect(resolve(xff('203.0.113.7, 10.1.2.3'), '::ffff:10.0.0.5')).toBe('203.0.113.7');
    expect(resolve({ forwarded: 'for=192.0.2.60;proto=http' }, '127.0.0.1')).toBe('192.0.2.60');
    expect(resolve({ 'true-client-ip': '1.2.3.4', 'x-real-ip': '1.2.3.5' }, '127.0.0.1')).toBe('127.0.0.1');
    expect(resolve(xff('not-an-ip'), '::1')).toBe('::1');
  });

  it('judges every address the same after many distinct ones (its remembered verdicts are bounded, not stale)', () => {
    const resolve = clientIpResolver('127.0.0.1,10.0.0.0/8');
    for (let i = 0; i < 10_000; i++) {
      const address = `${i % 2 === 0 ? 10 : 11}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      // A trusted proxy (10/8) in the chain is skipped; an untrusted one (11/8) is the client.
      expect(resolve(xff(`203.0.113.7, ${address}`), '127.0.0.1')).toBe(i % 2 === 0 ? '203.0.113.7' : address);
    }
    expect(resolve(xff('203.0.113.7'), '198.51.100.1')).toBe('198.51.100.1');
    expect(resolve(xff('203.0.113.7'), '127.0.0.1')).toBe('203.0.113.7');
  });

  it('supports none, a hop count and a named header', () => {
    expect(clientIpResolver('none')(xff('1.1.1.1'), '198.51.100.1')).toBe('198.51.100.1');
    expect(clientIpResolver('2')(xff('1.1.1.1, 2.2.2.2, 3.3.3.3'), '10.0.0.1')).toBe('2.2.2.2');
    expect(clientIpResolver('5')(xff('1.1.1.1'), '10.0.0.1')).toBe('10.0.0.1');
    expect(clientIpResolver('header:CF-Connecting-IP')({ 'cf-connecting-ip': '203.0.113.9' }, '10.0.0.1')).toBe('203.0.113.9');
  });

  it('keeps Fleet\'s legacy rule when empty', () => {
    expect(clientIpResolver('')({ 'x-real-ip': '1.2.3.5', 'x-forwarded-for': '9.9.9.9' }, '10.0.0.1')).toBe('1.2.3.5');
    expect(legacyClientIp(xff('9.9.9.9, 8.8.8.8'), '10.0.0.1')).toBe('9.9.9.9');
  });

  it('refuses a malformed setting at start-up', () => {
    expect(() => clientIpResolver('10.0.0.0/99')).toThrow(/bad prefix/);
    expect(() => clientIpResolver('proxy.example.com')).toThrow(/not an IP address/);
    expect(() => clientIpResolver('0')).toThrow(/1 or more/);
  });
});
