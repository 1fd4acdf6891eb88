/**
 * NVD's CVE API 2.0 JSON (`format: NVD_CVE`, `version: 2.0`): a page of `vulnerabilities[].cve`, each with
 * its id, dates, descriptions, CVSS metrics and `configurations[].nodes[].cpeMatch[]` — the CPE criteria
 * and version ranges (`versionStartIncluding/Excluding`, `versionEndIncluding/Excluding`) of what it affects.
 * Only what matching and the API need is kept.
 */
export interface NvdCpeMatch {
  readonly vulnerable: boolean;
  /** A CPE 2.3 formatted string. */
  readonly criteria: string;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
}

export interface NvdNode {
  readonly operator: 'AND' | 'OR';
  readonly negate: boolean;
  readonly cpeMatch: readonly NvdCpeMatch[];
}

/** One configuration: its nodes combined by `operator` (OR when absent). */
export interface NvdConfiguration {
  readonly operator: 'AND' | 'OR';
  readonly negate: boolean;
  readonly nodes: readonly NvdNode[];
}

export interface NvdCve {
  readonly id: string;
  /** ISO time (UTC; NVD omits the zone). */
  readonly published: string | null;
  readonly lastModified: string | null;
  readonly description: string;
  /** CVSS 3.x base score (NVD's primary metric first), or null. */
  readonly cvssScore: number | null;
  /** Set when CISA lists it (`cisaExploitAdd`), an alternative source of the known-exploited flag. */
  readonly cisaExploitAdd: string | null;
  /** `Rejected` entries match nothing. */
  readonly status: string;
  readonly configurations: readonly NvdConfiguration[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const op = (v: unknown): 'AND' | 'OR' => (v === 'AND' ? 'AND' : 'OR');

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

/** NVD writes times without a zone; they are UTC. */
export function nvdTime(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function cvssScore(metrics: Json): number | null {
  for (const key of ['cvssMetricV31', 'cvssMetricV30']) {
    const list = arr(metrics[key]).map(obj);
    const best = list.find((m) => m['type'] === 'Primary') ?? list[0];
    const score = best ? obj(best['cvssData'])['baseScore'] : undefined;
    if (typeof score === 'number') return score;
  }
  return null;
}

function cpeMatchOf(v: unknown): NvdCpeMatch | null {
  const m = obj(v);
  const criteria = str(m['criteria']) ?? str(m['cpe23Uri']);
  if (!criteria) return null;
  const out: { -readonly [K in keyof NvdCpeMatch]: NvdCpeMatch[K] } = { vulnerable: m['vulnerable'] === true, criteria };
  for (const k of ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const) {
    const value = str(m[k]);
    if (value) out[k] = value;
  }
  return out;
}

export function parseNvdCve(v: unknown): NvdCve | null {
  const cve = obj(obj(v)['cve']);
  const id = str(cve['id']);
  if (!id) return null;
  const description = arr(cve['descriptions']).map(obj).find((d) => d['lang'] === 'en');
  return {
    id: id.toUpperCase(),
    published: nvdTime(cve['published']),
    lastModified: nvdTime(cve['lastModified']),
    description: str(description?.['value']) ?? '',
    cvssScore: cvssScore(obj(cve['metrics'])),
    cisaExploitAdd: str(cve['cisaExploitAdd']) ?? null,
    status: str(cve['vulnStatus']) ?? '',
    configurations: arr(cve['configurations']).map(obj).map((c) => ({
      operator: op(c['operator']),
      negate: c['negate'] === true,
      nodes: arr(c['nodes']).map(obj).map((n) => ({
        operator: op(n['operator']),
        negate: n['negate'] === true,
        cpeMatch: arr(n['cpeMatch']).map(cpeMatchOf).filter((m): m is NvdCpeMatch => m !== null),
      })),
    })),
  };
}

/** Every CVE of one API 2.0 page (or of a file holding such a page). */
export function parseNvdCveFeed(text: string): NvdCve[] {
  let doc: Json;
  try {
    doc = obj(JSON.parse(text));
  } catch (err) {
    throw new FeedFormatError(`NVD CVE feed: not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(doc['vulnerabilities'])) throw new FeedFormatError('NVD CVE feed: no "vulnerabilities" array (expected the CVE API 2.0 format)');
  return arr(doc['vulnerabilities']).map(parseNvdCve).filter((c): c is NvdCve => c !== null);
}
