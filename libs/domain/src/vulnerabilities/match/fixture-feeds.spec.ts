import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { osVersionOf, ovalPlatformOf } from '../../software/os-version.rule';
import { parseCpeDictionary } from '../feeds/cpe-dictionary.feed';
import { parseEpssCsv, parseKevJson } from '../feeds/epss-kev.feed';
import { parseMsrcCvrf } from '../feeds/msrc.feed';
import { parseNvdCveFeed } from '../feeds/nvd-cve.feed';
import { parseOval } from '../feeds/oval.feed';
import { CpeResolver } from './cpe.resolver';
import { MsrcIndex } from './msrc.matcher';
import { NvdIndex } from './nvd.matcher';
import { OvalIndex } from './oval.matcher';
import type { FeedIndexes } from './vulnerability.matcher';
import { matchOs, matchSoftware } from './vulnerability.matcher';

const DIR = path.resolve(__dirname, '../../../test-data/vuln-feeds');
const read = (rel: string): string => readFileSync(path.join(DIR, rel), 'utf8');

interface FixtureSoftware { name: string; version: string; source: string; vendor?: string; bundle_identifier?: string; release?: string; arch?: string }
interface FixtureHost { hostname: string; platform: string; os_version: string; cpu_type: string; software: FixtureSoftware[] }
interface Expected { host: string; software?: string; version?: string; os?: boolean; cve: string; resolved_in_version: string | null; source: string }

function indexes(): FeedIndexes {
  const oval = new Map<string, OvalIndex>([
    ['ubuntu_22.04', new OvalIndex(parseOval(read('oval/com.ubuntu.jammy.usn.oval.xml')))],
    ['rhel_9', new OvalIndex(parseOval(read('oval/rhel-9.oval.xml')))],
  ]);
  return {
    resolver: new CpeResolver(parseCpeDictionary(read('cpe/nvdcpe-2.0-00000.json'))),
    nvd: new NvdIndex(parseNvdCveFeed(read('nvd/nvdcve-2.0-00000.json'))),
    oval,
    msrc: new MsrcIndex(readdirSync(path.join(DIR, 'msrc')).map((f) => parseMsrcCvrf(read(`msrc/${f}`)))),
  };
}

/** The fixture's displayed version: rpm packages show version-release. */
const shownVersion = (s: FixtureSoftware): string => (s.source === 'rpm_packages' ? `${s.version}-${s.release ?? ''}` : s.version);
const key = (e: Pick<Expected, 'host' | 'software' | 'version' | 'os' | 'cve' | 'resolved_in_version' | 'source'>): string =>
  [e.host, e.os ? '(os)' : `${e.software ?? ''} ${e.version ?? ''}`, e.cve, e.source, e.resolved_in_version ?? '-'].join(' | ');

describe('fixture feeds: every expected CVE and nothing else (precision and recall 100 %)', () => {
  const ix = indexes();
  const hosts = (JSON.parse(read('fixture-hosts.json')) as { hosts: FixtureHost[] }).hosts;
  const expected = (JSON.parse(read('expected-matches.json')) as { expected: Expected[] }).expected;

  it('parses every feed of the fixture directory in its real format', () => {
    expect(ix.nvd.size).toBe(36);
    expect(parseOval(read('oval/com.ubuntu.jammy.usn.oval.xml')).map((d) => d.cves)).toEqual([
      ['CVE-2024-6387'], ['CVE-2023-4806', 'CVE-2023-4911'], ['CVE-2023-38545', 'CVE-2023-38546'], ['CVE-2022-32212']]);
    const rhel = parseOval(read('oval/rhel-9.oval.xml'));
    expect(rhel[0]?.checks.map((c) => [c.packageNames, c.fixedEvr, c.archPattern])).toContainEqual([['openssh'], '0:8.7p1-38.el9_4.1', 'aarch64|ppc64le|s390x|x86_64']);
    // The "RHEL must be installed" (none_exist), signing-key and release-pattern tests are not version checks.
    expect(rhel[0]?.checks).toHaveLength(5);
    expect(parseEpssCsv(read('epss_scores-current.csv')).get('CVE-2023-4863')).toBeCloseTo(0.73361);
    expect(parseKevJson(read('known_exploited_vulnerabilities.json')).has('CVE-2024-38178')).toBe(true);
  });

  it('matches the simulated Ubuntu, RHEL, macOS and Windows hosts exactly as the entries say', () => {
    const found: string[] = [];
    for (const h of hosts) {
      const platform = ovalPlatformOf(h.platform, h.os_version);
      for (const s of h.software) {
        const { vulnerabilities } = matchSoftware(ix, {
          name: s.name, version: s.version, source: s.source, vendor: s.vendor ?? '', bundleIdentifier: s.bundle_identifier ?? '',
          release: s.release ?? '', arch: s.arch ?? '', ovalPlatforms: platform ? [platform] : [],
        });
        for (const v of vulnerabilities) found.push(key({ host: h.hostname, software: s.name, version: shownVersion(s), cve: v.cve, source: v.source, resolved_in_version: v.resolvedInVersion }));
      }
      for (const v of matchOs(ix, osVersionOf(h.platform, h.os_version, h.cpu_type)).vulnerabilities) {
        found.push(key({ host: h.hostname, os: true, cve: v.cve, source: v.source, resolved_in_version: v.resolvedInVersion }));
      }
    }
    const want = expected.map(key).sort();
    const got = found.sort();
    const missed = want.filter((w) => !got.includes(w));
    const unexpected = got.filter((g) => !want.includes(g));
    expect({ missed, unexpected }).toEqual({ missed: [], unexpected: [] });
    expect(got).toHaveLength(54);
  });

  it('gives macOS versions their NVD CPEs and no CVE to Linux or to Windows when its OS matching is off', () => {
    expect(matchOs(ix, osVersionOf('darwin', 'macOS 13.5.1')).cpes).toEqual(['cpe:2.3:o:apple:macos:13.5.1:*:*:*:*:*:*:*', 'cpe:2.3:o:apple:mac_os_x:13.5.1:*:*:*:*:*:*:*']);
    expect(matchOs(ix, osVersionOf('ubuntu', 'Ubuntu 22.04.3 LTS')).vulnerabilities).toEqual([]);
    expect(matchOs(ix, osVersionOf('windows', 'Windows 11 Pro 23H2 10.0.22631.3007', 'x86_64'), { windows: false }).vulnerabilities).toEqual([]);
  });
});
