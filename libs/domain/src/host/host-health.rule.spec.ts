import { hostHealth } from './host-health.rule';
import type { HostPolicy, HostSoftware } from './host.types';

const policy = (id: number, passes: boolean | null, critical = false): HostPolicy => ({
  id, name: `p${id}`, query: 'SELECT 1', description: '', resolution: `fix ${id}`, platforms: '', critical, teamId: null, authorId: null, authorName: '', authorEmail: '',
  createdAt: new Date(0), updatedAt: new Date(0), passes,
});

const software = (id: number, name: string, cves: string[], path = `/opt/${name}`): HostSoftware => ({
  id, name, version: '1.0', source: 'deb_packages', vendor: '', release: '', arch: '', bundleIdentifier: '', lastOpenedAt: null, browser: '',
  generatedCpe: '', installedPaths: [path],
  vulnerabilities: cves.map((cve) => ({ cve, cvssScore: 9.8, epssProbability: null, cisaKnownExploit: false, published: null, description: '', resolvedInVersion: null, createdAt: new Date(0) })),
});

describe('hostHealth', () => {
  const host = { updatedAt: new Date('2026-01-02T03:04:05Z'), osVersion: 'Ubuntu 24.04' };

  it('lists the policies the host fails, counts the critical ones, and ignores passing and unanswered ones', () => {
    const h = hostHealth(host, [policy(1, true), policy(2, false), policy(3, null), policy(4, false, true), policy(5, true, true)], []);
    expect(h.failingPolicies).toEqual([
      { id: 2, name: 'p2', critical: false, resolution: 'fix 2' }, { id: 4, name: 'p4', critical: true, resolution: 'fix 4' },
    ]);
    expect(h.failingCriticalPoliciesCount).toBe(1);
    expect(h).toMatchObject({ updatedAt: host.updatedAt, osVersion: 'Ubuntu 24.04' });
  });

  it('is healthy with no failing policy', () => {
    expect(hostHealth(host, [policy(1, true), policy(2, null)], [software(1, 'curl', [])])).toMatchObject({ failingPolicies: [], failingCriticalPoliciesCount: 0, vulnerableSoftware: [] });
  });

  it('lists each installed version with a known CVE once, however many paths it is installed at', () => {
    const h = hostHealth(host, [], [software(1, 'curl', ['CVE-2099-1']), software(1, 'curl', ['CVE-2099-1'], '/usr/bin/curl'), software(2, 'jq', []),
      software(3, 'openssl', ['CVE-2099-2', 'CVE-2099-3'])]);
    expect(h.vulnerableSoftware).toEqual([{ id: 1, name: 'curl', version: '1.0' }, { id: 3, name: 'openssl', version: '1.0' }]);
  });
});
