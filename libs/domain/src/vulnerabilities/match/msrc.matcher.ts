import type { MsrcDocument } from '../feeds/msrc.feed';

/** A Windows installation as the inventory describes it. */
export interface WindowsOs {
  /** "Windows 11 Pro", "Windows Server 2022 Datacenter". */
  readonly name: string;
  /** "23H2", "22H2", "1809"; '' when unknown. */
  readonly displayVersion: string;
  /** The kernel version with its revision: "10.0.22631.3007". */
  readonly build: string;
  /** osquery's cpu_type ("x86_64", "ARM64", "x86"); '' defaults to x64. */
  readonly arch: string;
}

export interface MsrcMatch {
  readonly cve: string;
  /** The build that fixes it ("10.0.22631.4037"). */
  readonly resolvedInVersion: string;
  readonly kb: string;
}

function archText(arch: string): string {
  const a = arch.toLowerCase();
  if (a.includes('arm')) return 'ARM64-based';
  if (a === 'x86' || a === 'i386' || a === 'i686' || a.includes('32')) return '32-bit';
  return 'x64-based';
}

/**
 * The names Microsoft's product tree gives this installation: "Windows 11 Version 23H2 for x64-based
 * Systems" for client editions (Windows 11's first release also as "Windows 11 for x64-based Systems"),
 * "Windows Server 2022" for servers.
 */
export function msrcProductNames(os: WindowsOs): string[] {
  const server = /Server (\d{4})/.exec(os.name);
  if (server) return [`Windows Server ${server[1] ?? ''}`];
  const client = /Windows (1[01])\b/.exec(os.name);
  if (!client) return [];
  const family = `Windows ${client[1] ?? ''}`;
  const arch = archText(os.arch);
  const names = os.displayVersion ? [`${family} Version ${os.displayVersion} for ${arch} Systems`] : [];
  if (family === 'Windows 11' && (os.displayVersion === '21H2' || os.displayVersion === '')) names.push(`${family} for ${arch} Systems`);
  return names;
}

const BUILD_RE = /^(\d+\.\d+\.\d+)\.(\d+)$/;

/**
 * CVEs of Microsoft's security updates for Windows builds: a host is affected by a CVE when a vendor fix
 * names its product with a fixed build of the same release (10.0.22631.*) and a higher revision than the
 * host's. Updates are cumulative, so the earliest such fix is the one that resolves it.
 */
export class MsrcIndex {
  /** Product name (lower case) → its fixes by CVE. */
  private readonly byProduct = new Map<string, Map<string, Array<{ kb: string; build: string }>>>();

  constructor(docs: Iterable<MsrcDocument>) {
    for (const doc of docs) {
      for (const v of doc.vulnerabilities) {
        for (const fix of v.fixes) {
          const name = doc.products.get(fix.productId)?.toLowerCase();
          if (!name) continue;
          const cves = this.byProduct.get(name) ?? new Map<string, Array<{ kb: string; build: string }>>();
          const list = cves.get(v.cve) ?? [];
          if (!list.some((f) => f.build === fix.fixedBuild)) list.push({ kb: fix.kb, build: fix.fixedBuild });
          cves.set(v.cve, list);
          this.byProduct.set(name, cves);
        }
      }
    }
  }

  match(os: WindowsOs): MsrcMatch[] {
    const host = BUILD_RE.exec(os.build.trim());
    if (!host) return [];
    const [, release, revision] = host;
    const out: MsrcMatch[] = [];
    const seen = new Set<string>();
    for (const product of msrcProductNames(os)) {
      for (const [cve, fixes] of this.byProduct.get(product.toLowerCase()) ?? []) {
        if (seen.has(cve)) continue;
        const same = fixes.map((f) => ({ f, m: BUILD_RE.exec(f.build) })).filter((x) => x.m?.[1] === release)
          .sort((a, b) => Number(a.m?.[2]) - Number(b.m?.[2]));
        const first = same[0];
        if (!first || Number(revision) >= Number(first.m?.[2])) continue;
        seen.add(cve);
        out.push({ cve, resolvedInVersion: first.f.build, kb: first.f.kb });
      }
    }
    return out.sort((a, b) => (a.cve < b.cve ? -1 : a.cve > b.cve ? 1 : 0));
  }
}
