import type { Cpe } from '../cpe/cpe';
import { cpeComponentMatches, cpeProductKey, parseCpe, unquoteCpeComponent } from '../cpe/cpe';
import type { NvdConfiguration, NvdCpeMatch, NvdCve } from '../feeds/nvd-cve.feed';
import { compareLooseVersions } from '../version/loose-version';

/** The operating system a piece of software runs on, as far as its source tells (null: it does not). */
export type SoftwarePlatform = 'darwin' | 'windows' | 'linux' | null;

/** What is matched against NVD: a generated CPE (vendor, product, version, target_sw) and the platform. */
export interface MatchTarget {
  readonly cpe: Cpe;
  readonly platform: SoftwarePlatform;
}

export interface NvdMatch {
  readonly cve: string;
  /** The first fixed version when the matching range states one (`versionEndExcluding`), else null. */
  readonly resolvedInVersion: string | null;
}

interface ParsedMatch {
  readonly m: NvdCpeMatch;
  readonly cpe: Cpe;
  readonly key: string;
}

interface IndexedConfiguration {
  readonly cve: string;
  readonly config: NvdConfiguration;
  readonly nodes: ReadonlyArray<readonly ParsedMatch[]>;
}

/** Whether `version` lies in the criterion's range, or equals its own version when it names one. */
export function versionInRange(m: NvdCpeMatch, criterion: Cpe, version: string): boolean {
  const v = unquoteCpeComponent(criterion.version);
  if (v === '-') return false;
  if (v !== '*' && v !== '') {
    const u = unquoteCpeComponent(criterion.update);
    const stated = u !== '*' && u !== '-' && u !== '' ? `${v}${u}` : v;
    return compareLooseVersions(version, stated) === 0;
  }
  if (!version) return false;
  if (m.versionStartIncluding && compareLooseVersions(version, m.versionStartIncluding) < 0) return false;
  if (m.versionStartExcluding && compareLooseVersions(version, m.versionStartExcluding) <= 0) return false;
  if (m.versionEndIncluding && compareLooseVersions(version, m.versionEndIncluding) > 0) return false;
  if (m.versionEndExcluding && compareLooseVersions(version, m.versionEndExcluding) >= 0) return false;
  return true;
}

/** Whether an operating-system criterion (part `o`) names the platform the software runs on. */
function platformMatches(c: Cpe, platform: SoftwarePlatform): boolean {
  if (platform === null) return true;
  const vendor = unquoteCpeComponent(c.vendor);
  const product = unquoteCpeComponent(c.product);
  switch (platform) {
    case 'darwin': return vendor === 'apple' && /^(macos|mac_os_x|mac_os|macos_server)$/.test(product);
    case 'windows': return vendor === 'microsoft' && product.startsWith('windows');
    case 'linux': return product.includes('linux');
  }
}

/**
 * CVEs from NVD's CPE match configurations, indexed by the `vendor:product` of their vulnerable criteria so
 * one piece of software is checked only against the CVEs that name its product.
 *
 * A configuration applies when a vulnerable criterion names the target's product, admits its version and
 * target_sw, and — for configurations whose nodes are ANDed ("Zoom before 5.16.5 running on Windows") —
 * every other node holds: an operating-system criterion holds when it names the target's platform; any
 * other non-vulnerable criterion (a host application) is assumed present, since the inventory cannot say.
 */
export class NvdIndex {
  private readonly byProduct = new Map<string, IndexedConfiguration[]>();
  private cveCount: number;

  constructor(cves: Iterable<NvdCve>) {
    let n = 0;
    for (const cve of cves) {
      n++;
      if (cve.status === 'Rejected') continue;
      for (const config of cve.configurations) this.add(cve.id, config);
    }
    this.cveCount = n;
  }

  /**
   * One index over several, each built from different CVEs (one per feed file, so a changed file is indexed
   * again alone): the parts' lists are joined in order, nothing is parsed again. Matches what one index over
   * all their CVEs, in the same order, would answer.
   */
  static merge(parts: Iterable<NvdIndex>): NvdIndex {
    const out = new NvdIndex([]);
    for (const part of parts) {
      out.cveCount += part.cveCount;
      for (const [key, list] of part.byProduct) {
        const mine = out.byProduct.get(key);
        if (mine) for (const entry of list) mine.push(entry);
        else out.byProduct.set(key, list.slice());
      }
    }
    return out;
  }

  get size(): number {
    return this.cveCount;
  }

  /** Every `vendor:product` that some vulnerable criterion names. */
  products(): IterableIterator<string> {
    return this.byProduct.keys();
  }

  private add(cve: string, config: NvdConfiguration): void {
    const nodes = config.nodes.map((n) => n.cpeMatch.map((m) => {
      const cpe = parseCpe(m.criteria);
      return cpe ? { m, cpe, key: cpeProductKey(cpe) } : null;
    }).filter((x): x is ParsedMatch => x !== null));
    const entry: IndexedConfiguration = { cve, config, nodes };
    const keys = new Set(nodes.flat().filter((p) => p.m.vulnerable).map((p) => p.key));
    for (const key of keys) {
      const list = this.byProduct.get(key);
      if (list) list.push(entry);
      else this.byProduct.set(key, [entry]);
    }
  }

  /** The CVEs that affect the target, one result per CVE (the first matching range gives the fixed version). */
  match(target: MatchTarget): NvdMatch[] {
    const key = cpeProductKey(target.cpe);
    const candidates = this.byProduct.get(key);
    if (!candidates) return [];
    const out = new Map<string, NvdMatch>();
    for (const c of candidates) {
      const hit = this.evaluate(c, key, target);
      if (hit === undefined) continue;
      const prev = out.get(c.cve);
      if (!prev || (prev.resolvedInVersion === null && hit !== null)) out.set(c.cve, { cve: c.cve, resolvedInVersion: hit });
    }
    return [...out.values()].sort((a, b) => (a.cve < b.cve ? -1 : a.cve > b.cve ? 1 : 0));
  }

  /** The fixed version (or null) when the configuration applies to the target, undefined when it does not. */
  private evaluate(c: IndexedConfiguration, key: string, target: MatchTarget): string | null | undefined {
    const version = unquoteCpeComponent(target.cpe.version);
    let found: ParsedMatch | undefined;
    let foundNode = -1;
    c.nodes.forEach((node, i) => {
      if (found) return;
      const hit = node.find((p) => p.m.vulnerable && p.key === key && this.admits(p, target, version));
      if (hit && !c.config.nodes[i]?.negate) {
        found = hit;
        foundNode = i;
      }
    });
    if (!found) return undefined;
    if (c.config.operator === 'AND') {
      for (let i = 0; i < c.nodes.length; i++) {
        if (i === foundNode) continue;
        const node = c.config.nodes[i];
        const list = c.nodes[i] ?? [];
        const holds = (p: ParsedMatch): boolean => {
          if (p.m.vulnerable) return p.key === key && this.admits(p, target, version);
          return unquoteCpeComponent(p.cpe.part) === 'o' ? platformMatches(p.cpe, target.platform) : true;
        };
        let ok = node?.operator === 'AND' ? list.every(holds) : list.some(holds);
        if (node?.negate) ok = !ok;
        if (!ok) return undefined;
      }
    }
    return found.m.versionEndExcluding ?? null;
  }

  private admits(p: ParsedMatch, target: MatchTarget, version: string): boolean {
    return cpeComponentMatches(p.cpe.targetSw, target.cpe.targetSw) && versionInRange(p.m, p.cpe, version);
  }
}
