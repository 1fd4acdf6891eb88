/**
 * Downloading the vulnerability feeds into a feeds directory (Fleet's `vulnerabilities.databases_path`), shared
 * by the server's `vulnerabilities` schedule and `fleetctl vulnerability-data-stream`. The I/O is injected:
 * this decides what to fetch from where and what files it becomes.
 *
 * Layout of a feeds directory:
 *   nvd/nvdcve-2.0-NNNNN.json     NVD CVE API 2.0 pages
 *   cpe/nvdcpe-2.0-NNNNN.json     NVD CPE API 2.0 pages (the CPE dictionary)
 *   oval/com.ubuntu.<codename>.usn.oval.xml, oval/rhel-<major>.oval.xml
 *   msrc/<yyyy-Mon>.xml           Microsoft's monthly CVRF documents
 *   epss_scores-current.csv, known_exploited_vulnerabilities.json, cpe_translations.json (optional)
 */
export const FEED_DIRS = { nvd: 'nvd', cpe: 'cpe', oval: 'oval', msrc: 'msrc' } as const;
export const EPSS_FILE = 'epss_scores-current.csv';
export const KEV_FILE = 'known_exploited_vulnerabilities.json';
export const CPE_TRANSLATIONS_FILE = 'cpe_translations.json';

/** Ubuntu releases by version, for their OVAL file names. */
export const UBUNTU_CODENAMES: Readonly<Record<string, string>> = {
  '16.04': 'xenial', '18.04': 'bionic', '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble', '24.10': 'oracular', '25.04': 'plucky',
};

/** The OVAL file of a distribution release ("ubuntu_22.04" → com.ubuntu.jammy.usn.oval.xml), or null. */
export function ovalFileOf(platform: string): string | null {
  const ubuntu = /^ubuntu_(\d+\.\d+)$/.exec(platform);
  if (ubuntu) {
    const code = UBUNTU_CODENAMES[ubuntu[1] ?? ''];
    return code ? `com.ubuntu.${code}.usn.oval.xml` : null;
  }
  const rhel = /^rhel_(\d+)$/.exec(platform);
  return rhel ? `rhel-${rhel[1] ?? ''}.oval.xml` : null;
}

/** The distribution release an OVAL file is for (the inverse of ovalFileOf), or null for another file. */
export function ovalPlatformOfFile(file: string): string | null {
  const ubuntu = /^com\.ubuntu\.([a-z]+)\.(usn|cve)\.oval\.xml$/.exec(file);
  if (ubuntu) {
    const version = Object.entries(UBUNTU_CODENAMES).find(([, c]) => c === ubuntu[1])?.[0];
    return version ? `ubuntu_${version}` : null;
  }
  const rhel = /^rhel-(\d+)\.oval\.xml$/.exec(file);
  return rhel ? `rhel_${rhel[1] ?? ''}` : null;
}

/** Where each feed is fetched (Fleet's options `cve_feed_prefix_url`, `cpe_database_url`, `cisa_known_exploits_url`, `cpe_translations_url`). */
export interface FeedSources {
  readonly nvdCves: string;
  readonly nvdCpes: string;
  /** `{codename}` is replaced. */
  readonly ubuntuOval: string;
  /** `{major}` is replaced. */
  readonly rhelOval: string;
  /** `{month}` (2024-Aug) is replaced. */
  readonly msrc: string;
  readonly epss: string;
  readonly kev: string;
  readonly cpeTranslations: string | null;
}

export const DEFAULT_FEED_SOURCES: FeedSources = {
  nvdCves: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
  nvdCpes: 'https://services.nvd.nist.gov/rest/json/cpes/2.0',
  ubuntuOval: 'https://security-metadata.canonical.com/oval/com.ubuntu.{codename}.usn.oval.xml.bz2',
  rhelOval: 'https://security.access.redhat.com/data/oval/v2/RHEL{major}/rhel-{major}.oval.xml.bz2',
  msrc: 'https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/{month}',
  epss: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  cpeTranslations: null,
};

/**
 * The sources with overrides applied; with a mirror, every URL keeps its path and query but is fetched
 * from the mirror's origin (and path prefix), which is how an air-gapped copy is served.
 */
export function feedSources(overrides: { nvdCves?: string; nvdCpes?: string; kev?: string; cpeTranslations?: string; mirror?: string } = {}): FeedSources {
  const s: FeedSources = {
    ...DEFAULT_FEED_SOURCES,
    ...(overrides.nvdCves ? { nvdCves: overrides.nvdCves } : {}),
    ...(overrides.nvdCpes ? { nvdCpes: overrides.nvdCpes } : {}),
    ...(overrides.kev ? { kev: overrides.kev } : {}),
    ...(overrides.cpeTranslations ? { cpeTranslations: overrides.cpeTranslations } : {}),
  };
  const mirror = overrides.mirror?.replace(/\/+$/, '');
  if (!mirror) return s;
  const move = (u: string): string => {
    const m = /^[a-z]+:\/\/[^/]+(.*)$/i.exec(u);
    return `${mirror}${m?.[1] ?? ''}`;
  };
  return {
    nvdCves: move(s.nvdCves), nvdCpes: move(s.nvdCpes), ubuntuOval: move(s.ubuntuOval), rhelOval: move(s.rhelOval), msrc: move(s.msrc),
    epss: move(s.epss), kev: move(s.kev), cpeTranslations: s.cpeTranslations ? move(s.cpeTranslations) : null,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Microsoft's document ids from `since` ("2023-01") to the month of `now`: "2023-Jan", … */
export function msrcMonths(now: Date, since: string): string[] {
  const [y0, m0] = since.split('-').map(Number) as [number, number];
  const out: string[] = [];
  let y = y0;
  let m = m0 - 1;
  while (y < now.getUTCFullYear() || (y === now.getUTCFullYear() && m <= now.getUTCMonth())) {
    out.push(`${y}-${MONTHS[m] ?? ''}`);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** The I/O a sync needs; `write` must replace a file atomically (readers never see half of one). */
export interface FeedSyncIo {
  /** GET; resolves with the status and body (a network error rejects). */
  get(url: string, headers?: Readonly<Record<string, string>>): Promise<{ readonly status: number; readonly body: Uint8Array }>;
  write(relPath: string, data: Uint8Array): Promise<void>;
  /** Files of a directory of the feeds directory ([] when it does not exist). */
  list(relDir: string): Promise<string[]>;
  remove(relPath: string): Promise<void>;
  gunzip(data: Uint8Array): Promise<Uint8Array>;
  bunzip2(data: Uint8Array): Promise<Uint8Array>;
  /** Waits between requests to a rate-limited API (NVD asks for 6 s without an API key). */
  pause(ms: number): Promise<void>;
}

export interface FeedSyncOptions {
  readonly now: Date;
  readonly ubuntuReleases: readonly string[];
  readonly rhelReleases: readonly string[];
  readonly msrcSince: string;
  readonly nvdPageSize?: number;
  readonly cpePageSize?: number;
  /** Pause between NVD API pages. */
  readonly nvdPauseMs?: number;
}

export interface FeedSyncResult {
  /** Files written, relative to the feeds directory. */
  readonly written: string[];
  /** What could not be fetched ("feed: reason"); the other feeds were still written. */
  readonly failures: string[];
}

const decoder = new TextDecoder();

class HttpError extends Error {}

async function fetchOk(io: FeedSyncIo, url: string, headers?: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const res = await io.get(url, headers);
  if (res.status < 200 || res.status >= 300) throw new HttpError(`${url} answered HTTP ${res.status}`);
  return res.body;
}

/** A paged NVD API (CVEs or CPEs) into numbered page files; pages past the new end are removed. */
async function syncPaged(io: FeedSyncIo, base: string, dir: string, prefix: string, pageSize: number, pauseMs: number, written: string[]): Promise<void> {
  const sep = base.includes('?') ? '&' : '?';
  let total = Infinity;
  let page = 0;
  const files: string[] = [];
  for (let start = 0; start < total; start += pageSize, page++) {
    if (page > 0 && pauseMs > 0) await io.pause(pauseMs);
    const body = await fetchOk(io, `${base}${sep}resultsPerPage=${pageSize}&startIndex=${start}`);
    const doc = JSON.parse(decoder.decode(body)) as { totalResults?: unknown };
    total = typeof doc.totalResults === 'number' ? doc.totalResults : 0;
    const file = `${dir}/${prefix}-${String(page).padStart(5, '0')}.json`;
    await io.write(file, body);
    files.push(file);
    if (total === 0) break;
  }
  for (const f of await io.list(dir)) if (f.startsWith(prefix) && !files.includes(`${dir}/${f}`)) await io.remove(`${dir}/${f}`);
  for (const f of files) written.push(f);
}

/**
 * Fetches every feed into the feeds directory. A feed that fails is reported and the others go on: a run
 * with yesterday's OVAL file is better than none. A missing Microsoft month (404: not published yet) is skipped.
 */
export async function syncFeeds(io: FeedSyncIo, sources: FeedSources, options: FeedSyncOptions): Promise<FeedSyncResult> {
  const written: string[] = [];
  const failures: string[] = [];
  const attempt = async (name: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
    }
  };
  await attempt('nvd', () => syncPaged(io, sources.nvdCves, FEED_DIRS.nvd, 'nvdcve-2.0', options.nvdPageSize ?? 2000, options.nvdPauseMs ?? 6000, written));
  await attempt('cpe', () => syncPaged(io, sources.nvdCpes, FEED_DIRS.cpe, 'nvdcpe-2.0', options.cpePageSize ?? 10000, options.nvdPauseMs ?? 6000, written));
  const decompressed = async (url: string, data: Uint8Array): Promise<Uint8Array> => {
    if (url.endsWith('.bz2')) return io.bunzip2(data);
    if (url.endsWith('.gz')) return io.gunzip(data);
    return data;
  };
  for (const release of options.ubuntuReleases) {
    const code = UBUNTU_CODENAMES[release];
    if (!code) { failures.push(`oval ubuntu ${release}: unknown release`); continue; }
    const url = sources.ubuntuOval.replace(/\{codename\}/g, code);
    await attempt(`oval ubuntu ${release}`, async () => {
      const file = `${FEED_DIRS.oval}/com.ubuntu.${code}.usn.oval.xml`;
      await io.write(file, await decompressed(url, await fetchOk(io, url)));
      written.push(file);
    });
  }
  for (const major of options.rhelReleases) {
    const url = sources.rhelOval.replace(/\{major\}/g, major);
    await attempt(`oval rhel ${major}`, async () => {
      const file = `${FEED_DIRS.oval}/rhel-${major}.oval.xml`;
      await io.write(file, await decompressed(url, await fetchOk(io, url)));
      written.push(file);
    });
  }
  for (const month of msrcMonths(options.now, options.msrcSince)) {
    await attempt(`msrc ${month}`, async () => {
      const res = await io.get(sources.msrc.replace(/\{month\}/g, month), { accept: 'application/xml' });
      if (res.status === 404) return;
      if (res.status < 200 || res.status >= 300) throw new HttpError(`answered HTTP ${res.status}`);
      const file = `${FEED_DIRS.msrc}/${month}.xml`;
      await io.write(file, res.body);
      written.push(file);
    });
  }
  await attempt('epss', async () => {
    await io.write(EPSS_FILE, await decompressed(sources.epss, await fetchOk(io, sources.epss)));
    written.push(EPSS_FILE);
  });
  await attempt('kev', async () => {
    await io.write(KEV_FILE, await fetchOk(io, sources.kev));
    written.push(KEV_FILE);
  });
  if (sources.cpeTranslations) {
    const url = sources.cpeTranslations;
    await attempt('cpe_translations', async () => {
      await io.write(CPE_TRANSLATIONS_FILE, await fetchOk(io, url));
      written.push(CPE_TRANSLATIONS_FILE);
    });
  }
  return { written, failures };
}
