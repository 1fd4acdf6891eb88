import { FeedFormatError } from './nvd-cve.feed';

/**
 * FIRST's EPSS scores (`epss_scores-current.csv`): an optional `#model_version:…,score_date:…` comment line,
 * a `cve,epss,percentile` header, then one CVE per line. Returns CVE → probability (0..1).
 */
export function parseEpssCsv(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let header: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const cells = line.split(',');
    if (!header) {
      header = cells.map((c) => c.trim().toLowerCase());
      if (!header.includes('cve') || !header.includes('epss')) throw new FeedFormatError('EPSS: header must name the cve and epss columns');
      continue;
    }
    const cve = cells[header.indexOf('cve')]?.trim().toUpperCase();
    const p = Number(cells[header.indexOf('epss')]);
    if (cve && Number.isFinite(p)) out.set(cve, p);
  }
  return out;
}

/** CISA's Known Exploited Vulnerabilities catalogue (`known_exploited_vulnerabilities.json`): the CVE ids it lists. */
export function parseKevJson(text: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FeedFormatError(`CISA KEV: not JSON (${(err as Error).message})`);
  }
  const list = (doc as { vulnerabilities?: unknown }).vulnerabilities;
  if (!Array.isArray(list)) throw new FeedFormatError('CISA KEV: no "vulnerabilities" array');
  const out = new Set<string>();
  for (const v of list) {
    const id = (v as { cveID?: unknown }).cveID;
    if (typeof id === 'string') out.add(id.toUpperCase());
  }
  return out;
}
