import { FeedFormatError } from './nvd-cve.feed';

/** One entry of NVD's CPE dictionary (CPE API 2.0 JSON, `format: NVD_CPE`): a CPE name and its English title. */
export interface CpeDictionaryEntry {
  readonly cpeName: string;
  readonly title: string;
  readonly deprecated: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

export function parseCpeDictionary(text: string): CpeDictionaryEntry[] {
  let doc: Json;
  try {
    doc = obj(JSON.parse(text));
  } catch (err) {
    throw new FeedFormatError(`CPE dictionary: not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(doc['products'])) throw new FeedFormatError('CPE dictionary: no "products" array (expected the CPE API 2.0 format)');
  const out: CpeDictionaryEntry[] = [];
  for (const p of doc['products'] as unknown[]) {
    const cpe = obj(obj(p)['cpe']);
    const name = cpe['cpeName'];
    if (typeof name !== 'string') continue;
    const titles = Array.isArray(cpe['titles']) ? (cpe['titles'] as unknown[]).map(obj) : [];
    const title = titles.find((t) => t['lang'] === 'en') ?? titles[0];
    out.push({ cpeName: name, title: typeof title?.['title'] === 'string' ? title['title'] : '', deprecated: cpe['deprecated'] === true });
  }
  return out;
}
