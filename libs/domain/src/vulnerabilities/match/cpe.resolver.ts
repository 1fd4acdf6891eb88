import { ownEntry } from '../../allow-list/own-entry';
import { formatCpe, parseCpe, quoteCpeComponent, unquoteCpeComponent } from '../cpe/cpe';
import type { Cpe } from '../cpe/cpe';
import type { CpeDictionaryEntry } from '../feeds/cpe-dictionary.feed';
import type { SoftwarePlatform } from './nvd.matcher';
import { DEFAULT_CPE_TRANSLATIONS } from './cpe-translations.catalogue';

/** The software fields a CPE is generated from. */
export interface CpeSoftware {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly vendor?: string;
  readonly bundleIdentifier?: string;
}

/**
 * One rule of Fleet's `cpe_translations.json`: when the software matches (every stated attribute, each an
 * array of exact strings or `/regex/`), its CPE is searched in the dictionary with the filter (product —
 * the software name when absent —, vendor, target_sw, part), or it gets none (`skip`).
 */
export interface CpeTranslation {
  readonly software: { readonly name?: readonly string[]; readonly bundle_identifier?: readonly string[]; readonly source?: readonly string[] };
  readonly filter: { readonly product?: readonly string[]; readonly vendor?: readonly string[]; readonly target_sw?: readonly string[]; readonly part?: string; readonly skip?: boolean };
}

/** Sources matched through OVAL (their versions are distribution builds NVD does not describe). */
const OVAL_SOURCES = new Set(['deb_packages', 'rpm_packages', 'portage_packages']);

/** target_sw of a generated CPE by software source (what NVD writes for platform-specific criteria). */
const TARGET_SW: Record<string, string> = {
  apps: 'macos', homebrew_packages: 'macos', programs: 'windows', chocolatey_packages: 'windows', ie_extensions: 'windows',
  chrome_extensions: 'chrome', firefox_addons: 'firefox', safari_extensions: 'safari', npm_packages: 'node.js', python_packages: 'python',
};

const PLATFORM: Record<string, SoftwarePlatform> = {
  apps: 'darwin', homebrew_packages: 'darwin', safari_extensions: 'darwin', programs: 'windows', chocolatey_packages: 'windows',
  ie_extensions: 'windows', deb_packages: 'linux', rpm_packages: 'linux', portage_packages: 'linux',
};

export const platformOfSource = (source: string): SoftwarePlatform => ownEntry(PLATFORM, source) ?? null;

/** Fleet's version clean-up: anything but letters, digits, `_` and `-` becomes a dot ("5.11.1 (8356)" → "5.11.1.8356"). */
export function sanitizeCpeVersion(version: string): string {
  return version.split(/[^a-zA-Z0-9_-]+/).filter(Boolean).join('.');
}

const ARCH_OR_LOCALE = /^(x64|x86|x86_64|amd64|arm64|aarch64|64-bit|32-bit|64bit|32bit|[a-z]{2}-[a-z]{2})$/;

/**
 * A software or dictionary title reduced for comparison: lower case, no `.app`, no parenthesised notes, no
 * version numbers, architectures or locales ("7-Zip 23.01 (x64)" → "7-zip", "Mozilla Firefox (x64 en-US)"
 * → "mozilla firefox").
 */
export function normalizeTitle(name: string): string {
  return name.toLowerCase().replace(/\.app$/, '').replace(/\([^)]*\)/g, ' ').split(/\s+/)
    .filter((w) => w && !/^v?\d+(\.\d+)+[a-z0-9.-]*$/.test(w) && !/^\d+$/.test(w) && !ARCH_OR_LOCALE.test(w)).join(' ');
}

const VENDOR_NOISE = /\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|gmbh|ag|s\.?a|foundation|project|software|developers?|team|the)\b\.?/g;

function vendorCandidates(s: CpeSoftware): string[] {
  const out: string[] = [];
  const push = (v: string | undefined): void => {
    const c = (v ?? '').toLowerCase().replace(/[,.]/g, ' ').replace(VENDOR_NOISE, ' ').trim().split(/\s+/).join('_');
    if (c && !out.includes(c)) out.push(c);
    const first = c.split('_')[0];
    if (first && !out.includes(first)) out.push(first);
  };
  push(s.vendor);
  const bundle = s.bundleIdentifier?.split('.');
  if (bundle && bundle.length >= 2) push(bundle[1]);
  push(normalizeTitle(s.name).split(' ')[0]);
  return out;
}

function productCandidates(s: CpeSoftware): string[] {
  const words = normalizeTitle(s.name).split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < Math.min(words.length, 2); i++) {
    const p = words.slice(i).join('_');
    if (p && !out.includes(p)) out.push(p);
  }
  if (s.bundleIdentifier) {
    const last = s.bundleIdentifier.split('.').pop()?.toLowerCase();
    if (last && !out.includes(last)) out.push(last);
  }
  return out;
}

const matchesAny = (patterns: readonly string[] | undefined, value: string | undefined): boolean => {
  if (!patterns) return true;
  const v = value ?? '';
  return patterns.some((p) => (p.length > 1 && p.startsWith('/') && p.endsWith('/') ? new RegExp(p.slice(1, -1)).test(v) : p === v));
};

interface DictionaryProduct {
  readonly part: string;
  readonly vendor: string;
  readonly product: string;
  readonly targetSw: Set<string>;
}

/** A generated CPE and how the software was found in the dictionary. */
export interface ResolvedCpe {
  readonly cpe: string;
  readonly parsed: Cpe;
  readonly via: 'translation' | 'title' | 'product';
}

/**
 * Maps inventory software to CPEs with NVD's CPE dictionary, as Fleet does: translation rules first (the
 * well-known names per platform, plus `cpe_translations.json` from the feeds directory), then the
 * dictionary's titles ("Mozilla Firefox 117.0" names mozilla:firefox), then product and vendor guessed
 * from the name, the vendor column and the bundle identifier — a guess counts only when the dictionary
 * knows that vendor for that product, so an unknown program gets no CPE rather than a wrong one.
 * Distribution packages get none: OVAL covers them.
 */
export class CpeResolver {
  private readonly products = new Map<string, DictionaryProduct>();
  private readonly vendorsByProduct = new Map<string, Set<string>>();
  private readonly byTitle = new Map<string, Set<string>>();
  private readonly translations: readonly CpeTranslation[];

  constructor(dictionary: Iterable<CpeDictionaryEntry>, extraTranslations: readonly CpeTranslation[] = []) {
    for (const e of dictionary) {
      if (e.deprecated) continue;
      const c = parseCpe(e.cpeName);
      if (!c) continue;
      const vendor = unquoteCpeComponent(c.vendor);
      const product = unquoteCpeComponent(c.product);
      const key = `${vendor}:${product}`;
      const known = this.products.get(key) ?? { part: c.part, vendor, product, targetSw: new Set<string>() };
      known.targetSw.add(unquoteCpeComponent(c.targetSw));
      this.products.set(key, known);
      const vendors = this.vendorsByProduct.get(product) ?? new Set<string>();
      vendors.add(vendor);
      this.vendorsByProduct.set(product, vendors);
      const title = normalizeTitle(e.title);
      if (title) {
        const keys = this.byTitle.get(title) ?? new Set<string>();
        keys.add(key);
        this.byTitle.set(title, keys);
      }
    }
    this.translations = [...extraTranslations, ...DEFAULT_CPE_TRANSLATIONS];
  }

  resolve(s: CpeSoftware): ResolvedCpe | null {
    if (OVAL_SOURCES.has(s.source) || !s.version) return null;
    const rule = this.translations.find((t) => matchesAny(t.software.name, s.name) && matchesAny(t.software.bundle_identifier, s.bundleIdentifier)
      && matchesAny(t.software.source, s.source));
    if (rule) {
      if (rule.filter.skip) return null;
      const p = this.search(rule.filter.product ?? [normalizeTitle(s.name).replace(/ /g, '_')], rule.filter.vendor, rule.filter.target_sw);
      return p ? this.build(p, s, 'translation', rule.filter.part) : null;
    }
    const byTitle = this.byTitle.get(normalizeTitle(s.name));
    if (byTitle?.size === 1) {
      const p = this.products.get([...byTitle][0]);
      if (p) return this.build(p, s, 'title');
    }
    const vendors = vendorCandidates(s);
    for (const product of productCandidates(s)) {
      const known = this.vendorsByProduct.get(product);
      const vendor = vendors.find((v) => known?.has(v));
      if (vendor) return this.build(this.products.get(`${vendor}:${product}`) as DictionaryProduct, s, 'product');
    }
    return null;
  }

  private search(products: readonly string[], vendors: readonly string[] | undefined, targetSw: readonly string[] | undefined): DictionaryProduct | null {
    for (const product of products.map((p) => p.toLowerCase())) {
      for (const vendor of [...(this.vendorsByProduct.get(product) ?? [])].sort()) {
        if (vendors && !vendors.some((v) => v.toLowerCase() === vendor)) continue;
        const p = this.products.get(`${vendor}:${product}`) as DictionaryProduct;
        if (targetSw && !targetSw.some((t) => p.targetSw.has(t.toLowerCase()))) continue;
        return p;
      }
    }
    return null;
  }

  private build(p: DictionaryProduct, s: CpeSoftware, via: ResolvedCpe['via'], part?: string): ResolvedCpe {
    const cpe = formatCpe({
      part: part ?? p.part, vendor: quoteCpeComponent(p.vendor), product: quoteCpeComponent(p.product),
      version: quoteCpeComponent(sanitizeCpeVersion(s.version)), targetSw: ownEntry(TARGET_SW, s.source) ?? '*',
    });
    return { cpe, parsed: parseCpe(cpe) as Cpe, via };
  }
}
