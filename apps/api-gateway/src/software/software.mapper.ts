import type { FoundCve, HostSoftwareTitle, SoftwareTitle, SoftwareVersion } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

export const detailsLink = (cve: string): string => `https://nvd.nist.gov/vuln/detail/${cve}`;

/** One CVE of a software or OS version, as Fleet lists it; `brief` keeps only the id and link (`without_vulnerability_details`). */
export function toCveDto(v: FoundCve, brief = false) {
  if (brief) return { cve: v.cve, details_link: detailsLink(v.cve) };
  return {
    cve: v.cve, details_link: detailsLink(v.cve), cvss_score: v.cvssScore, epss_probability: v.epssProbability, cisa_known_exploit: v.cisaKnownExploit,
    cve_published: v.published ? rfc3339(v.published) : null, cve_description: v.description, resolved_in_version: v.resolvedInVersion ?? '',
    created_at: rfc3339(v.createdAt),
  };
}

/** Fleet's software version: `vulnerabilities` is null when it has none. */
export function toSoftwareDto(s: SoftwareVersion, brief = false) {
  return {
    id: s.id, name: s.name, version: s.version, source: s.source, browser: s.browser, release: s.release, vendor: s.vendor, arch: s.arch,
    ...(s.bundleIdentifier ? { bundle_identifier: s.bundleIdentifier } : {}), ...(s.extensionId ? { extension_id: s.extensionId } : {}),
    generated_cpe: s.generatedCpe, vulnerabilities: s.vulnerabilities.length > 0 ? s.vulnerabilities.map((v) => toCveDto(v, brief)) : null, hosts_count: s.hostsCount,
  };
}

export function toTitleDto(t: SoftwareTitle) {
  return {
    id: t.id, name: t.name, software_package: null, app_store_app: null, versions_count: t.versions.length, source: t.source, browser: t.browser,
    hosts_count: t.hostsCount, versions: t.versions.map((v) => ({ id: v.id, version: v.version, vulnerabilities: [...v.vulnerabilities] })),
  };
}

export function toTitleDetailDto(t: SoftwareTitle) {
  return {
    id: t.id, name: t.name, ...(t.bundleIdentifier ? { bundle_identifier: t.bundleIdentifier } : {}), software_package: null, app_store_app: null,
    source: t.source, browser: t.browser, hosts_count: t.hostsCount, versions_count: t.versions.length,
    versions: t.versions.map((v) => ({ id: v.id, version: v.version, vulnerabilities: [...v.vulnerabilities], hosts_count: v.hostsCount })),
  };
}

export function toHostSoftwareDto(t: HostSoftwareTitle) {
  return {
    id: t.id, name: t.name, software_package: null, app_store_app: null, source: t.source, browser: t.browser, status: null,
    installed_versions: t.installedVersions.map((v) => ({
      version: v.version, ...(v.lastOpenedAt ? { last_opened_at: rfc3339(v.lastOpenedAt) } : {}), vulnerabilities: [...v.vulnerabilities], installed_paths: [...v.installedPaths],
    })),
  };
}
