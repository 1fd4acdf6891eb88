/**
 * The synthetic fleet of the vulnerabilities benchmark: platforms, operating system versions and a software
 * catalogue per platform with realistic overlap — a few dozen titles nearly every host of a platform has,
 * a long tail chosen by a Zipf-like popularity, and per title a handful of versions where the newest ones
 * dominate. Everything is derived from a seeded generator, so two runs build the same fleet.
 */

/** A small, fast seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze', 'bo', 'da', 'fi', 'gu', 'ho', 'ja', 'ke', 'li', 'mo', 'ni'];

/** A pronounceable word without digits for index i (digits would be dropped by title normalisation). */
export function word(i: number, len = 3): string {
  let s = '';
  let n = i;
  for (let k = 0; k < len; k++) {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return s;
}

export type Platform = 'darwin' | 'windows' | 'ubuntu' | 'rhel';

export interface CatalogueVersion {
  readonly version: string;
  /** rpm only. */
  readonly release?: string;
  readonly weight: number;
}

export interface CatalogueTitle {
  readonly index: number;
  readonly name: string;
  readonly source: string;
  readonly vendor: string;
  /** The CPE vendor and product the synthetic dictionary and NVD use (applications only). */
  readonly cpeVendor: string;
  readonly cpeProduct: string;
  readonly bundleIdentifier?: string;
  readonly versions: readonly CatalogueVersion[];
  /** Popularity: the chance a host of the platform has it (core titles) or a Zipf weight (tail). */
  readonly core: boolean;
  readonly weight: number;
}

export interface PlatformSpec {
  readonly platform: Platform;
  readonly share: number;
  readonly titles: number;
  readonly core: number;
  readonly os: ReadonlyArray<{ readonly osVersion: string; readonly weight: number }>;
}

/** Windows builds: 23H2 at several monthly revisions, 22H2 (Windows 10), so Microsoft's updates split them. */
const WIN11_REVS = [2861, 3007, 3155, 3296, 3447, 3593, 3737, 3880, 4037, 4169, 4317, 4460];
const WIN10_REVS = [3803, 3930, 4046, 4170, 4291, 4412, 4529, 4651, 4780, 4894];

export const PLATFORMS: readonly PlatformSpec[] = [
  { platform: 'darwin', share: 0.45, titles: 2200, core: 45, os: [
    { osVersion: 'macOS 13.5.1', weight: 5 }, { osVersion: 'macOS 13.6.3', weight: 10 }, { osVersion: 'macOS 14.1.1', weight: 15 }, { osVersion: 'macOS 14.2.1', weight: 20 },
    { osVersion: 'macOS 14.4.1', weight: 25 }, { osVersion: 'macOS 14.6.1', weight: 15 }, { osVersion: 'macOS 15.0.1', weight: 10 }] },
  { platform: 'windows', share: 0.35, titles: 2000, core: 40, os: [
    ...WIN11_REVS.map((r, i) => ({ osVersion: `Windows 11 Pro 23H2 10.0.22631.${r}`, weight: 3 + i })),
    ...WIN10_REVS.map((r, i) => ({ osVersion: `Windows 10 Enterprise 22H2 10.0.19045.${r}`, weight: 2 + i }))] },
  { platform: 'ubuntu', share: 0.12, titles: 2500, core: 220, os: [{ osVersion: 'Ubuntu 22.04.4 LTS', weight: 70 }, { osVersion: 'Ubuntu 20.04.6 LTS', weight: 30 }] },
  { platform: 'rhel', share: 0.08, titles: 2000, core: 200, os: [{ osVersion: 'Red Hat Enterprise Linux 9.2', weight: 40 }, { osVersion: 'Red Hat Enterprise Linux 9.4', weight: 60 }] },
];

const SOURCE: Record<Platform, string> = { darwin: 'apps', windows: 'programs', ubuntu: 'deb_packages', rhel: 'rpm_packages' };
/** Offsets keep titles of different platforms apart in the word space. */
const OFFSET: Record<Platform, number> = { darwin: 0, windows: 10_000, ubuntu: 20_000, rhel: 30_000 };

function versionsOf(p: Platform, r: () => number, titleIndex: number): CatalogueVersion[] {
  const count = 1 + Math.floor(r() * (p === 'ubuntu' || p === 'rhel' ? 3 : 6));
  const major = 1 + Math.floor(r() * 30);
  const out: CatalogueVersion[] = [];
  for (let v = 0; v < count; v++) {
    const weight = v === count - 1 ? 0.55 : v === count - 2 ? 0.25 : 0.2 / Math.max(1, count - 2);
    if (p === 'ubuntu') out.push({ version: `${titleIndex % 7 === 0 ? '1:' : ''}${major}.${titleIndex % 10}.${v}-${1 + (titleIndex % 3)}ubuntu0.${v + 1}`, weight });
    else if (p === 'rhel') out.push({ version: `${major}.${titleIndex % 10}`, release: `${10 + v}.el9_${v}`, weight });
    else out.push({ version: `${major}.${v}.${Math.floor(r() * 20)}`, weight });
  }
  return out;
}

/** The catalogue of one platform, core titles first. */
export function catalogue(spec: PlatformSpec): CatalogueTitle[] {
  const r = rng(OFFSET[spec.platform] + 7);
  const out: CatalogueTitle[] = [];
  for (let i = 0; i < spec.titles; i++) {
    const w1 = word(OFFSET[spec.platform] + i * 3);
    const w2 = word(OFFSET[spec.platform] + i * 3 + 1, 2);
    const isPkg = spec.platform === 'ubuntu' || spec.platform === 'rhel';
    const name = isPkg ? `${w1}-${w2}` : spec.platform === 'darwin' ? `${cap(w1)} ${cap(w2)}.app` : `${cap(w1)} ${cap(w2)}`;
    out.push({
      index: i, name, source: SOURCE[spec.platform], vendor: isPkg ? '' : `${cap(w1)} Software Inc.`, cpeVendor: w1, cpeProduct: `${w1}_${w2}`,
      ...(spec.platform === 'darwin' ? { bundleIdentifier: `com.${w1}.${w2}` } : {}),
      versions: versionsOf(spec.platform, r, i), core: i < spec.core, weight: i < spec.core ? 0.97 - (i / spec.core) * 0.2 : 1 / Math.pow(i - spec.core + 2, 0.9),
    });
  }
  return out;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function pickWeighted<T extends { weight: number }>(items: readonly T[], r: () => number): T {
  let total = 0;
  for (const i of items) total += i.weight;
  let x = r() * total;
  for (const i of items) {
    x -= i.weight;
    if (x <= 0) return i;
  }
  return items[items.length - 1];
}

/** One host's platform and OS, and the (title, version) indexes of its `perHost` software items. */
export interface HostInventory {
  readonly platform: Platform;
  readonly osVersion: string;
  readonly items: ReadonlyArray<readonly [title: number, version: number]>;
}

/**
 * Host `i` of the fleet: its platform by share, its OS by weight, every core title it has (most hosts have
 * most of them) and tail titles drawn by popularity until it has `perHost` items.
 */
export function hostInventory(i: number, perHost: number, catalogues: ReadonlyMap<Platform, readonly CatalogueTitle[]>, tailCdf: ReadonlyMap<Platform, Float64Array>): HostInventory {
  const r = rng(i * 2654435761);
  let x = r();
  let spec = PLATFORMS[0];
  for (const p of PLATFORMS) {
    if (x < p.share) { spec = p; break; }
    x -= p.share;
  }
  const titles = catalogues.get(spec.platform) as CatalogueTitle[];
  const osVersion = pickWeighted(spec.os, r).osVersion;
  const chosen = new Map<number, number>();
  for (const t of titles) {
    if (!t.core || chosen.size >= perHost) continue;
    if (r() < t.weight) chosen.set(t.index, versionIndex(t, r));
  }
  const cdf = tailCdf.get(spec.platform) as Float64Array;
  for (let guard = 0; chosen.size < perHost && guard < perHost * 20; guard++) {
    const u = r();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid]) < u) lo = mid + 1;
      else hi = mid;
    }
    const t = titles[spec.core + lo];
    if (!chosen.has(t.index)) chosen.set(t.index, versionIndex(t, r));
  }
  return { platform: spec.platform, osVersion, items: [...chosen] };
}

function versionIndex(t: CatalogueTitle, r: () => number): number {
  let x = r();
  for (let v = t.versions.length - 1; v >= 0; v--) {
    x -= (t.versions[v]).weight;
    if (x <= 0) return v;
  }
  return t.versions.length - 1;
}

/** Cumulative popularity of the tail titles of each platform, for drawing. */
export function tailCdfs(catalogues: ReadonlyMap<Platform, readonly CatalogueTitle[]>): Map<Platform, Float64Array> {
  const out = new Map<Platform, Float64Array>();
  for (const spec of PLATFORMS) {
    const tail = (catalogues.get(spec.platform) as CatalogueTitle[]).filter((t) => !t.core);
    const cdf = new Float64Array(tail.length);
    let sum = 0;
    for (const [k, t] of tail.entries()) { sum += t.weight; cdf[k] = sum; }
    for (let k = 0; k < cdf.length; k++) cdf[k] = (cdf[k]) / sum;
    out.set(spec.platform, cdf);
  }
  return out;
}
