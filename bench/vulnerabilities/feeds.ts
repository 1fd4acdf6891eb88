import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueTitle, Platform } from './catalogue';
import { rng } from './catalogue';

/**
 * Synthetic vulnerability feeds for the benchmark's catalogue, in the real formats (NVD CVE API 2.0 pages, the
 * CPE API 2.0 dictionary, Ubuntu and Red Hat OVAL, MSRC CVRF, EPSS CSV, CISA KEV): CVEs on a third of the
 * application titles (more on the popular ones), OVAL definitions on a third of the packages, monthly Windows
 * updates, macOS CVEs, and unrelated filler entries up to a realistic feed size.
 */
export interface FeedOptions {
  readonly dir: string;
  readonly totalCves: number;
  readonly dictionaryFiller: number;
}

export interface FeedFacts {
  readonly cves: number;
  readonly relevantCves: number;
  readonly ovalDefinitions: number;
  readonly msrcCves: number;
  readonly bytes: number;
  /** CVE ids of the application CVEs (the incremental run changes 1 % of them). */
  readonly applicationCves: readonly string[];
}

const PAGE = 2000;
const YEARS = [2021, 2022, 2023, 2024, 2025];

interface Cve { id: string; published: string; description: string; score: number; configurations: unknown[] }

export function cveJson(c: Cve): unknown {
  return {
    cve: {
      id: c.id, sourceIdentifier: 'cve@mitre.org', published: c.published, lastModified: c.published, vulnStatus: 'Analyzed', cveTags: [],
      descriptions: [{ lang: 'en', value: c.description }],
      metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', baseScore: c.score,
        baseSeverity: c.score >= 9 ? 'CRITICAL' : c.score >= 7 ? 'HIGH' : c.score >= 4 ? 'MEDIUM' : 'LOW' }, exploitabilityScore: 2.8, impactScore: 5.9 }] },
      weaknesses: [{ source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'CWE-787' }] }],
      configurations: c.configurations,
      references: [{ url: `https://nvd.nist.gov/vuln/detail/${c.id}`, source: 'cve@mitre.org' }],
    },
  };
}

/** Writes NVD pages of these CVEs; returns the bytes written. */
export function writeNvd(dir: string, cves: readonly Cve[]): number {
  mkdirSync(path.join(dir, 'nvd'), { recursive: true });
  let bytes = 0;
  for (let p = 0; p * PAGE < cves.length; p++) {
    const page = cves.slice(p * PAGE, (p + 1) * PAGE).map(cveJson);
    const text = JSON.stringify({ resultsPerPage: page.length, startIndex: p * PAGE, totalResults: cves.length, format: 'NVD_CVE', version: '2.0', timestamp: '2026-12-01T00:00:00.000', vulnerabilities: page });
    writeFileSync(path.join(dir, 'nvd', `nvdcve-2.0-${String(p).padStart(5, '0')}.json`), text);
    bytes += text.length;
  }
  return bytes;
}

const match = (criteria: string, range: Record<string, string> = {}): Record<string, unknown> => ({ vulnerable: true, criteria, ...range });
const config = (...matches: Array<Record<string, unknown>>): unknown => ({ nodes: [{ operator: 'OR', negate: false, cpeMatch: matches }] });

/** Every CVE of the synthetic NVD feed (deterministic). */
export function nvdCves(apps: readonly CatalogueTitle[], packages: readonly CatalogueTitle[], total: number): { cves: Cve[]; relevant: string[] } {
  const r = rng(4242);
  const cves: Cve[] = [];
  const relevant: string[] = [];
  let serial = 10000;
  const id = (): string => `CVE-${YEARS[serial % YEARS.length] ?? 2024}-${serial++}`;
  const published = (): string => `${YEARS[Math.floor(r() * YEARS.length)] ?? 2024}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T12:00:00.000`;
  const score = (): number => Math.round((3 + r() * 7) * 10) / 10;
  for (const t of apps) {
    const n = t.core ? 5 + Math.floor(r() * 40) : r() < 0.3 ? 1 + Math.floor(r() * 6) : 0;
    const cpe = `cpe:2.3:a:${t.cpeVendor}:${t.cpeProduct}:*:*:*:*:*:*:*:*`;
    for (let k = 0; k < n; k++) {
      const v = t.versions[Math.floor(r() * t.versions.length)]?.version ?? '1.0.0';
      const kind = r();
      const m = kind < 0.1 ? match(`cpe:2.3:a:${t.cpeVendor}:${t.cpeProduct}:${v}:*:*:*:*:*:*:*`)
        : kind < 0.25 ? match(cpe, { versionStartIncluding: t.versions[0]?.version ?? '0', versionEndIncluding: v }) : match(cpe, { versionEndExcluding: v });
      const c = { id: id(), published: published(), description: `A flaw in ${t.name} allows a remote attacker to execute code via crafted input (${k}).`, score: score(), configurations: [config(m)] };
      cves.push(c);
      relevant.push(c.id);
    }
  }
  for (const t of packages.filter((_, i) => i % 4 === 0)) {
    cves.push({ id: id(), published: published(), description: `${t.name} before a fixed release mishandles input.`, score: score(),
      configurations: [config(match(`cpe:2.3:a:${t.cpeVendor}:${t.cpeProduct}:*:*:*:*:*:*:*:*`, { versionEndExcluding: '99' }))] });
  }
  for (let k = 0; k < 300; k++) {
    const major = 13 + (k % 3);
    cves.push({ id: id(), published: published(), description: `macOS issue ${k}.`, score: score(),
      configurations: [config(match('cpe:2.3:o:apple:macos:*:*:*:*:*:*:*:*', { versionStartIncluding: `${major}.0`, versionEndExcluding: `${major}.${1 + (k % 7)}.${k % 3}` }))] });
  }
  while (cves.length < total) {
    const v = serial;
    cves.push({ id: id(), published: published(), description: `Filler vulnerability ${v} of an unrelated product.`, score: score(),
      configurations: [config(match(`cpe:2.3:a:filler${v % 9000}:product${v % 17000}:*:*:*:*:*:*:*:*`, { versionEndExcluding: `${1 + (v % 9)}.${v % 13}` }))] });
  }
  return { cves, relevant };
}

function writeDictionary(dir: string, apps: readonly CatalogueTitle[], filler: number): number {
  mkdirSync(path.join(dir, 'cpe'), { recursive: true });
  const products: unknown[] = [];
  const entry = (name: string, title: string): unknown => ({ cpe: { deprecated: false, cpeName: name, cpeNameId: name, lastModified: '2026-01-01T00:00:00.000', created: '2020-01-01T00:00:00.000', titles: [{ title, lang: 'en' }] } });
  for (const t of apps) {
    const display = t.name.replace(/\.app$/, '');
    for (const v of t.versions) products.push(entry(`cpe:2.3:a:${t.cpeVendor}:${t.cpeProduct}:${v.version}:*:*:*:*:*:*:*`, `${display} ${v.version}`));
  }
  for (let k = 0; k < filler; k++) products.push(entry(`cpe:2.3:a:filler${k % 9000}:product${k}:1.${k % 10}:*:*:*:*:*:*:*`, `Filler Product ${k}`));
  let bytes = 0;
  const size = 10_000;
  for (let p = 0; p * size < products.length; p++) {
    const page = products.slice(p * size, (p + 1) * size);
    const text = JSON.stringify({ resultsPerPage: page.length, startIndex: p * size, totalResults: products.length, format: 'NVD_CPE', version: '2.0', timestamp: '2026-12-01T00:00:00.000', products: page });
    writeFileSync(path.join(dir, 'cpe', `nvdcpe-2.0-${String(p).padStart(5, '0')}.json`), text);
    bytes += text.length;
  }
  return bytes;
}

function writeOval(dir: string, file: string, kind: 'dpkg' | 'rpm', pkgs: readonly CatalogueTitle[], cveBase: number): { defs: number; bytes: number } {
  mkdirSync(path.join(dir, 'oval'), { recursive: true });
  const ns = kind === 'dpkg' ? 'linux-def' : 'red-def';
  const defs: string[] = [];
  const tests: string[] = [];
  const objects: string[] = [];
  const states: string[] = [];
  let n = 0;
  for (const [i, t] of pkgs.entries()) {
    if (i % 3 !== 0 || t.versions.length < 2) continue;
    n++;
    const fixed = t.versions[t.versions.length - 1];
    const evr = kind === 'dpkg' ? (fixed.version.includes(':') ? fixed.version : `0:${fixed.version}`) : `0:${fixed.version}-${fixed.release ?? ''}`;
    const cves = [`CVE-2024-${cveBase + i * 2}`, `CVE-2024-${cveBase + i * 2 + 1}`];
    defs.push(`<definition class="patch" id="oval:bench:def:${i}" version="1"><metadata><title>Advisory ${i}: ${t.name} update</title>`
      + cves.map((c) => `<reference source="CVE" ref_id="${c}" ref_url="https://example.com/${c}"/>`).join('')
      + `<description>Security update for ${t.name}.</description></metadata><criteria operator="AND"><criterion test_ref="oval:bench:tst:${i}" comment="${t.name} is earlier than ${evr}"/></criteria></definition>`);
    tests.push(`<${ns}:${kind}info_test id="oval:bench:tst:${i}" version="1" check="at least one" check_existence="at_least_one_exists"><${ns}:object object_ref="oval:bench:obj:${i}"/><${ns}:state state_ref="oval:bench:ste:${i}"/></${ns}:${kind}info_test>`);
    objects.push(`<${ns}:${kind}info_object id="oval:bench:obj:${i}" version="1"><${ns}:name>${t.name}</${ns}:name></${ns}:${kind}info_object>`);
    states.push(`<${ns}:${kind}info_state id="oval:bench:ste:${i}" version="1"><${ns}:evr datatype="${kind === 'dpkg' ? 'debian_evr' : 'evr_string'}" operation="less than">${evr}</${ns}:evr></${ns}:${kind}info_state>`);
  }
  const xml = `<?xml version="1.0"?>\n<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:${ns}="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">`
    + `<definitions>${defs.join('\n')}</definitions><tests>${tests.join('\n')}</tests><objects>${objects.join('\n')}</objects><states>${states.join('\n')}</states></oval_definitions>\n`;
  writeFileSync(path.join(dir, 'oval', file), xml);
  return { defs: n, bytes: xml.length };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WIN11 = [2861, 3007, 3155, 3296, 3447, 3593, 3737, 3880, 4037, 4169, 4317, 4460];
const WIN10 = [3803, 3930, 4046, 4170, 4291, 4412, 4529, 4651, 4780, 4894, 5011, 5131];

function writeMsrc(dir: string): { cves: number; bytes: number } {
  mkdirSync(path.join(dir, 'msrc'), { recursive: true });
  let cves = 0;
  let bytes = 0;
  for (const [m, month] of MONTHS.entries()) {
    const vulns: string[] = [];
    for (let k = 0; k < 60; k++) {
      const cve = `CVE-2024-${50000 + m * 100 + k}`;
      cves++;
      vulns.push(`<vuln:Vulnerability Ordinal="${k}"><vuln:Title>Windows Component ${k} Vulnerability</vuln:Title><vuln:CVE>${cve}</vuln:CVE>`
        + `<vuln:CVSSScoreSets><vuln:ScoreSet><vuln:BaseScore>${(5 + (k % 5)).toFixed(1)}</vuln:BaseScore><vuln:ProductID>12242</vuln:ProductID></vuln:ScoreSet></vuln:CVSSScoreSets><vuln:Remediations>`
        + `<vuln:Remediation Type="Vendor Fix"><vuln:Description>50${m}1</vuln:Description><vuln:ProductID>12242</vuln:ProductID><vuln:FixedBuild>10.0.22631.${WIN11[m] ?? 0}</vuln:FixedBuild></vuln:Remediation>`
        + `<vuln:Remediation Type="Vendor Fix"><vuln:Description>50${m}2</vuln:Description><vuln:ProductID>11929</vuln:ProductID><vuln:FixedBuild>10.0.19045.${WIN10[m] ?? 0}</vuln:FixedBuild></vuln:Remediation>`
        + '</vuln:Remediations></vuln:Vulnerability>');
    }
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.1" xmlns:prod="http://www.icasi.org/CVRF/schema/prod/1.1" xmlns:vuln="http://www.icasi.org/CVRF/schema/vuln/1.1">`
      + `<DocumentTitle>${month} 2024 Security Updates</DocumentTitle><DocumentTracking><Identification><ID>2024-${month}</ID></Identification></DocumentTracking>`
      + '<prod:ProductTree><prod:FullProductName ProductID="12242">Windows 11 Version 23H2 for x64-based Systems</prod:FullProductName>'
      + '<prod:FullProductName ProductID="11929">Windows 10 Version 22H2 for x64-based Systems</prod:FullProductName></prod:ProductTree>'
      + `${vulns.join('\n')}</cvrfdoc>\n`;
    writeFileSync(path.join(dir, 'msrc', `2024-${month}.xml`), xml);
    bytes += xml.length;
  }
  return { cves, bytes };
}

/** Writes the whole feeds directory. */
export function writeFeeds(o: FeedOptions, catalogues: ReadonlyMap<Platform, readonly CatalogueTitle[]>): FeedFacts {
  const apps = [...(catalogues.get('darwin') ?? []), ...(catalogues.get('windows') ?? [])];
  const packages = [...(catalogues.get('ubuntu') ?? []), ...(catalogues.get('rhel') ?? [])];
  const { cves, relevant } = nvdCves(apps, packages, o.totalCves);
  let bytes = writeNvd(o.dir, cves);
  bytes += writeDictionary(o.dir, apps, o.dictionaryFiller);
  const jammy = writeOval(o.dir, 'com.ubuntu.jammy.usn.oval.xml', 'dpkg', catalogues.get('ubuntu') ?? [], 70000);
  const focal = writeOval(o.dir, 'com.ubuntu.focal.usn.oval.xml', 'dpkg', catalogues.get('ubuntu') ?? [], 70000);
  const rhel = writeOval(o.dir, 'rhel-9.oval.xml', 'rpm', catalogues.get('rhel') ?? [], 80000);
  const msrc = writeMsrc(o.dir);
  const r = rng(99);
  const epss = ['#model_version:v2023.03.01,score_date:2026-12-01T00:00:00+0000', 'cve,epss,percentile', ...cves.map((c) => `${c.id},${(r() * 0.5).toFixed(5)},${r().toFixed(5)}`)].join('\n');
  writeFileSync(path.join(o.dir, 'epss_scores-current.csv'), `${epss}\n`);
  const kev = { title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2026.12.01', count: 1000,
    vulnerabilities: relevant.filter((_, i) => i % Math.max(1, Math.floor(relevant.length / 1000)) === 0).slice(0, 1000).map((cveID) => ({ cveID, vendorProject: 'x', product: 'y', dateAdded: '2024-01-01' })) };
  writeFileSync(path.join(o.dir, 'known_exploited_vulnerabilities.json'), JSON.stringify(kev));
  bytes += jammy.bytes + focal.bytes + rhel.bytes + msrc.bytes + epss.length;
  return { cves: cves.length, relevantCves: relevant.length, ovalDefinitions: jammy.defs + focal.defs + rhel.defs, msrcCves: msrc.cves, bytes, applicationCves: relevant };
}

/** Changes `fraction` of the application CVEs (their fixed version moves), as a daily NVD update does. Returns how many changed. */
export function changeNvd(dir: string, catalogues: ReadonlyMap<Platform, readonly CatalogueTitle[]>, totalCves: number, fraction: number): number {
  const apps = [...(catalogues.get('darwin') ?? []), ...(catalogues.get('windows') ?? [])];
  const packages = [...(catalogues.get('ubuntu') ?? []), ...(catalogues.get('rhel') ?? [])];
  const { cves, relevant } = nvdCves(apps, packages, totalCves);
  const step = Math.round(1 / fraction);
  const changed = new Set(relevant.filter((_, i) => i % step === 0));
  for (const c of cves) {
    if (!changed.has(c.id)) continue;
    c.description = `${c.description} (updated)`;
    c.score = Math.min(10, c.score + 0.5);
  }
  writeNvd(dir, cves);
  return changed.size;
}
