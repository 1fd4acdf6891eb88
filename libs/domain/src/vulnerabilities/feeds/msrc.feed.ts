import type { XmlElement } from '../xml/xml-reader';
import { childText, childrenNamed, descendantsNamed, readXmlElements } from '../xml/xml-reader';
import { FeedFormatError } from './nvd-cve.feed';

/**
 * Microsoft's monthly security update documents (MSRC CVRF 1.1 XML, `api.msrc.microsoft.com/cvrf/v3.0/cvrf/<yyyy-Mon>`):
 * the product tree (ProductID → "Windows 11 Version 23H2 for x64-based Systems") and, per CVE, the vendor
 * fixes: which products a KB fixes and the build it brings them to (`FixedBuild`, e.g. 10.0.22631.4037).
 */
export interface MsrcFix {
  readonly productId: string;
  readonly kb: string;
  readonly fixedBuild: string;
}

export interface MsrcVulnerability {
  readonly cve: string;
  readonly title: string;
  /** Highest CVSS base score Microsoft gives it, or null. */
  readonly cvssScore: number | null;
  readonly fixes: readonly MsrcFix[];
}

export interface MsrcDocument {
  readonly id: string;
  readonly products: ReadonlyMap<string, string>;
  readonly vulnerabilities: readonly MsrcVulnerability[];
}

export function parseMsrcCvrf(xml: string): MsrcDocument {
  const products = new Map<string, string>();
  const vulnerabilities: MsrcVulnerability[] = [];
  let id = '';
  let sawRoot = false;
  readXmlElements(xml, (p) => {
    if (p.length === 1) sawRoot = p[0] === 'cvrfdoc';
    return p.length === 2 && p[0] === 'cvrfdoc' && (p[1] === 'ProductTree' || p[1] === 'Vulnerability' || p[1] === 'DocumentTracking');
  }, (el) => {
    if (el.name === 'DocumentTracking') {
      id = descendantsNamed(el, 'ID')[0]?.text.trim() ?? '';
    } else if (el.name === 'ProductTree') {
      for (const p of descendantsNamed(el, 'FullProductName')) {
        const pid = p.attrs['ProductID'];
        if (pid) products.set(pid, p.text.trim());
      }
    } else {
      const cve = childText(el, 'CVE').toUpperCase();
      if (!cve) return;
      vulnerabilities.push({ cve, title: childText(el, 'Title'), cvssScore: maxScore(el), fixes: fixesOf(el) });
    }
  });
  if (!sawRoot) throw new FeedFormatError('MSRC: the root element is not cvrfdoc');
  return { id, products, vulnerabilities };
}

function maxScore(v: XmlElement): number | null {
  let best: number | null = null;
  for (const s of descendantsNamed(v, 'BaseScore')) {
    const n = Number(s.text.trim());
    if (Number.isFinite(n) && (best === null || n > best)) best = n;
  }
  return best;
}

function fixesOf(v: XmlElement): MsrcFix[] {
  const out: MsrcFix[] = [];
  for (const r of descendantsNamed(v, 'Remediation')) {
    if (r.attrs['Type'] !== 'Vendor Fix') continue;
    const fixedBuild = childText(r, 'FixedBuild');
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(fixedBuild)) continue;
    const kb = childText(r, 'Description');
    for (const p of childrenNamed(r, 'ProductID')) {
      const productId = p.text.trim();
      if (productId) out.push({ productId, kb, fixedBuild });
    }
  }
  return out;
}
