/** What the feeds say about one CVE, with when it was first found in this fleet and the version that fixes it here. */
export interface CveDetails {
  readonly cve: string;
  /** CVSS 3.x base score; null when no feed gives one. */
  readonly cvssScore: number | null;
  /** EPSS probability (0..1). */
  readonly epssProbability: number | null;
  /** Listed in CISA's Known Exploited Vulnerabilities catalogue. */
  readonly cisaKnownExploit: boolean;
  readonly published: Date | null;
  readonly description: string | null;
}

/** A CVE found on a software version or an OS version. */
export interface FoundCve extends CveDetails {
  /** The version that fixes it, as the feed states it; null when the feed does not say. */
  readonly resolvedInVersion: string | null;
  /** When it was first matched to this version. */
  readonly createdAt: Date;
}

/** A software version installed on at least one host the reader may see, with how many such hosts have it. */
export interface SoftwareVersion {
  readonly id: number;
  readonly titleId: number | null;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly vendor: string;
  readonly release: string;
  readonly arch: string;
  readonly browser: string;
  readonly bundleIdentifier: string;
  readonly extensionId: string;
  /** The CPE it was matched to NVD with; '' when it has none. */
  readonly generatedCpe: string;
  readonly hostsCount: number;
  readonly vulnerabilities: readonly FoundCve[];
}

/** One version of a title, as a title lists it. */
export interface SoftwareTitleVersion {
  readonly id: number;
  readonly version: string;
  readonly hostsCount: number;
  /** CVE ids. */
  readonly vulnerabilities: readonly string[];
}

/** A software title (name + source, or a bundle / extension id) and its versions on the reader's hosts. */
export interface SoftwareTitle {
  readonly id: number;
  readonly name: string;
  readonly source: string;
  readonly browser: string;
  readonly bundleIdentifier: string;
  /** Hosts with any version of it. */
  readonly hostsCount: number;
  readonly versions: readonly SoftwareTitleVersion[];
}

/** A version installed on one host. */
export interface HostSoftwareVersion {
  readonly id: number;
  readonly version: string;
  readonly lastOpenedAt: Date | null;
  readonly vulnerabilities: readonly string[];
  readonly installedPaths: readonly string[];
  readonly source: string;
  readonly generatedCpe: string;
}

/** A title installed on one host, with the versions the host has. */
export interface HostSoftwareTitle {
  readonly id: number;
  readonly name: string;
  readonly source: string;
  readonly browser: string;
  readonly installedVersions: readonly HostSoftwareVersion[];
}

/** Filters of the software and vulnerability lists (Fleet's query parameters). */
export interface SoftwareFilters {
  /** Hosts of one team (0 = no team); absent = every host the reader may see. */
  readonly teamId?: number;
  readonly vulnerable?: boolean;
  /** Only software with a CISA known-exploited CVE. */
  readonly exploit?: boolean;
  readonly minCvssScore?: number;
  readonly maxCvssScore?: number;
}

/** An operating system version with its hosts and CVEs (Fleet's /os_versions entry). */
export interface OsVersion {
  readonly id: number;
  readonly name: string;
  readonly nameOnly: string;
  readonly version: string;
  readonly platform: string;
  readonly hostsCount: number;
  readonly generatedCpes: readonly string[];
  /** Every CVE of the version; `vulnerabilities` may list fewer (max_vulnerabilities). */
  readonly vulnerabilitiesCount: number;
  readonly vulnerabilities: readonly FoundCve[];
}

/** A CVE found in the fleet, with the hosts it affects (Fleet's /vulnerabilities entry). */
export interface Vulnerability extends CveDetails {
  /** When it was first found on a host of the reader's scope. */
  readonly createdAt: Date;
  readonly hostsCount: number;
  readonly hostsCountUpdatedAt: Date | null;
}

/** A CVE with the software and OS versions it affects. */
export interface VulnerabilityDetail extends Vulnerability {
  readonly software: ReadonlyArray<{ readonly id: number; readonly name: string; readonly version: string; readonly source: string; readonly browser: string;
    readonly generatedCpe: string; readonly hostsCount: number; readonly resolvedInVersion: string | null }>;
  readonly osVersions: ReadonlyArray<{ readonly id: number; readonly name: string; readonly nameOnly: string; readonly version: string; readonly platform: string;
    readonly hostsCount: number; readonly generatedCpes: readonly string[]; readonly resolvedInVersion: string | null }>;
}
