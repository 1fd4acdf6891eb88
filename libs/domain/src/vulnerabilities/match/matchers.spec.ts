import { parseCpe } from '../cpe/cpe';
import type { Cpe } from '../cpe/cpe';
import type { NvdCve } from '../feeds/nvd-cve.feed';
import { parseOval } from '../feeds/oval.feed';
import { CpeResolver, normalizeTitle, sanitizeCpeVersion } from './cpe.resolver';
import { msrcProductNames } from './msrc.matcher';
import { NvdIndex } from './nvd.matcher';
import { OvalIndex } from './oval.matcher';

const cpe = (s: string): Cpe => parseCpe(s) as Cpe;
const nvdCve = (id: string, configurations: NvdCve['configurations'], status = 'Analyzed'): NvdCve => ({
  id, published: null, lastModified: null, description: '', cvssScore: null, cisaExploitAdd: null, status, configurations,
});

describe('NvdIndex', () => {
  const index = new NvdIndex([
    nvdCve('CVE-A', [{ operator: 'AND', negate: false, nodes: [
      { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', versionEndExcluding: '2.0' }] },
      { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:o:apple:macos:-:*:*:*:*:*:*:*' }] },
    ] }]),
    nvdCve('CVE-B', [{ operator: 'OR', negate: false, nodes: [
      { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:acme:tool:*:*:*:*:*:windows:*:*', versionStartExcluding: '1.0', versionEndIncluding: '1.5' }] },
    ] }]),
    nvdCve('CVE-C', [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*' }] }] }], 'Rejected'),
    nvdCve('CVE-D', [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*' }] }] }]),
  ]);

  it('applies an AND configuration only on the platform its other node names', () => {
    expect(index.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.5:*:*:*:*:macos:*:*'), platform: 'darwin' }).map((m) => m.cve)).toEqual(['CVE-A']);
    expect(index.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.5:*:*:*:*:windows:*:*'), platform: 'windows' }).map((m) => m.cve)).toEqual(['CVE-B']);
  });

  it('honours excluding starts, including ends and target_sw; ignores rejected CVEs and non-vulnerable criteria', () => {
    expect(index.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.0:*:*:*:*:windows:*:*'), platform: 'windows' })).toEqual([]);
    expect(index.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.5:*:*:*:*:windows:*:*'), platform: 'windows' })).toEqual([{ cve: 'CVE-B', resolvedInVersion: null }]);
    expect(index.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.6:*:*:*:*:windows:*:*'), platform: 'windows' })).toEqual([]);
    expect(index.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.5:*:*:*:*:macos:*:*'), platform: null }).map((m) => m.cve)).toEqual(['CVE-A']);
    expect([...index.products()]).toEqual(['acme:tool']);
  });

  it('merged from indexes of parts of the CVEs, answers what one index over all of them answers', () => {
    const cves = [
      nvdCve('CVE-E', [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', versionEndExcluding: '1.2' }] }] }]),
      nvdCve('CVE-F', [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*', versionEndIncluding: '1.9' }] }] }]),
      nvdCve('CVE-G', [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:other:thing:1.0:*:*:*:*:*:*:*' }] }] }]),
    ];
    const whole = new NvdIndex(cves);
    const merged = NvdIndex.merge([new NvdIndex(cves.slice(0, 1)), new NvdIndex([]), new NvdIndex(cves.slice(1))]);
    expect(merged.size).toBe(3);
    expect([...merged.products()].sort()).toEqual([...whole.products()].sort());
    for (const target of ['cpe:2.3:a:acme:tool:1.1:*:*:*:*:*:*:*', 'cpe:2.3:a:acme:tool:1.5:*:*:*:*:*:*:*', 'cpe:2.3:a:other:thing:1.0:*:*:*:*:*:*:*']) {
      expect(merged.match({ cpe: cpe(target), platform: null })).toEqual(whole.match({ cpe: cpe(target), platform: null }));
    }
    expect(merged.match({ cpe: cpe('cpe:2.3:a:acme:tool:1.1:*:*:*:*:*:*:*'), platform: null }).map((m) => m.cve)).toEqual(['CVE-E', 'CVE-F']);
  });
});

describe('OVAL checks', () => {
  const doc = (state: string, criterion = '<criterion test_ref="t:1"/>') => `<oval_definitions><definitions>
    <definition class="patch" id="d:1"><metadata><title>t</title><reference source="CVE" ref_id="CVE-2024-0001"/></metadata>
    <criteria operator="AND">${criterion}</criteria></definition></definitions>
    <tests><dpkginfo_test id="t:1" check_existence="at_least_one_exists"><object object_ref="o:1"/>${state ? '<state state_ref="s:1"/>' : ''}</dpkginfo_test></tests>
    <objects><dpkginfo_object id="o:1"><name>pkg</name></dpkginfo_object></objects>
    <states><dpkginfo_state id="s:1">${state}</dpkginfo_state></states></oval_definitions>`;
  const affected = (xml: string, version: string): boolean => new OvalIndex(parseOval(xml)).match({ name: 'pkg', version }).length > 0;

  it('a package with no state in the test is affected in any version (no fix yet)', () => {
    expect(affected(doc(''), '99:1.0')).toBe(true);
  });

  it('"less than or equal" keeps the stated version affected', () => {
    expect(affected(doc('<evr datatype="debian_evr" operation="less than or equal">1.0-1</evr>'), '1.0-1')).toBe(true);
    expect(affected(doc('<evr datatype="debian_evr" operation="less than">1.0-1</evr>'), '1.0-1')).toBe(false);
  });

  it('a negated criterion is not a version check', () => {
    expect(affected(doc('<evr operation="less than">2.0</evr>', '<criterion negate="true" test_ref="t:1"/>'), '1.0')).toBe(false);
  });
});

describe('CPE resolution', () => {
  const resolver = new CpeResolver([
    { cpeName: 'cpe:2.3:a:acme_labs:widget_studio:3.0:*:*:*:*:*:*:*', title: 'Widgets 3.0', deprecated: false },
    { cpeName: 'cpe:2.3:a:other:widget_studio:1.0:*:*:*:*:*:*:*', title: 'Other Widget Studio 1.0', deprecated: false },
  ]);

  it('guesses product and vendor from the name and vendor column, only as the dictionary knows them', () => {
    expect(resolver.resolve({ name: 'Widget Studio (x64)', version: '3.1 (200)', source: 'programs', vendor: 'Acme Labs, Inc.' })?.cpe)
      .toBe('cpe:2.3:a:acme_labs:widget_studio:3.1.200:*:*:*:*:windows:*:*');
    expect(resolver.resolve({ name: 'Widget Studio', version: '3.1', source: 'programs', vendor: 'Nobody' })).toBeNull();
    expect(resolver.resolve({ name: 'widget-studio', version: '3.1', source: 'deb_packages', vendor: 'Acme Labs' })).toBeNull();
  });

  it('takes extra translation rules (cpe_translations.json) before its own, and honours skip', () => {
    const withRules = new CpeResolver([{ cpeName: 'cpe:2.3:a:other:widget_studio:1.0:*:*:*:*:*:*:*', title: '', deprecated: false }], [
      { software: { name: ['/^WS/'] }, filter: { product: ['widget_studio'], vendor: ['other'] } },
      { software: { name: ['Skipped'] }, filter: { skip: true } },
    ]);
    expect(withRules.resolve({ name: 'WS Pro', version: '1.0', source: 'apps' })?.via).toBe('translation');
    expect(withRules.resolve({ name: 'Skipped', version: '1.0', source: 'apps' })).toBeNull();
  });

  it('cleans names and versions the way Fleet does', () => {
    expect(normalizeTitle('7-Zip 23.01 (x64)')).toBe('7-zip');
    expect(normalizeTitle('Mozilla Firefox (x64 en-US)')).toBe('mozilla firefox');
    expect(normalizeTitle('Google Chrome.app')).toBe('google chrome');
    expect(sanitizeCpeVersion('5.11.1 (8356)')).toBe('5.11.1.8356');
  });
});

describe('MSRC product names', () => {
  it('names client editions by version and architecture, servers by year', () => {
    expect(msrcProductNames({ name: 'Windows 11 Pro', displayVersion: '23H2', build: '', arch: 'x86_64' })).toEqual(['Windows 11 Version 23H2 for x64-based Systems']);
    expect(msrcProductNames({ name: 'Windows 11 Enterprise', displayVersion: '21H2', build: '', arch: 'ARM64' }))
      .toEqual(['Windows 11 Version 21H2 for ARM64-based Systems', 'Windows 11 for ARM64-based Systems']);
    expect(msrcProductNames({ name: 'Windows 10 Home', displayVersion: '22H2', build: '', arch: 'x86' })).toEqual(['Windows 10 Version 22H2 for 32-bit Systems']);
    expect(msrcProductNames({ name: 'Windows Server 2022 Datacenter', displayVersion: '21H2', build: '', arch: 'x86_64' })).toEqual(['Windows Server 2022']);
  });
});
