/**
 * Versions as NVD's CPE match ranges state them (`versionStartIncluding` … `versionEndExcluding`), which
 * follow no single scheme: "116.0.5845.187", "1.1.1t", "8.9p1", "2.0-beta9", "23.01". They are cut into
 * runs of digits and of letters (anything else separates); numbers compare as numbers; a number is newer
 * than letters at the same place; letters compare alphabetically, except the pre-release words (dev,
 * alpha, beta, pre/preview, rc, and a/b right before a number), which are older than a release; and when
 * one version has runs left over, it is newer — unless the first of them is a pre-release word
 * (2.0-beta9 < 2.0, 3.12.0a1 < 3.12.0, but 1.1.1t > 1.1.1).
 */
type Token = { readonly num: true; readonly digits: string } | { readonly num: false; readonly word: string; readonly pre: number | undefined };

const PRE_RELEASE: Record<string, number> = { dev: 0, snapshot: 0, alpha: 1, beta: 2, pre: 3, preview: 3, rc: 4, cr: 4 };
/** `a` and `b` are pre-release marks only before a number (3.12.0a1); alone they are patch letters (OpenSSL's 1.1.1a). */
const SHORT_PRE_RELEASE: Record<string, number> = { a: 1, b: 2 };

export function versionTokens(v: string): Token[] {
  const raw = [...v.toLowerCase().matchAll(/(\d+)|([a-z]+)/g)];
  return raw.map((m, i) => {
    if (m[1] !== undefined) return { num: true as const, digits: m[1].replace(/^0+(?=\d)/, '') };
    const word = m[2] ?? '';
    const beforeNumber = raw[i + 1]?.[1] !== undefined && (raw[i + 1]?.index ?? 0) === (m.index ?? 0) + word.length;
    return { num: false as const, word, pre: PRE_RELEASE[word] ?? (beforeNumber ? SHORT_PRE_RELEASE[word] : undefined) };
  });
}

function compareTokens(a: Token, b: Token): number {
  if (a.num && b.num) {
    if (a.digits.length !== b.digits.length) return a.digits.length < b.digits.length ? -1 : 1;
    return a.digits === b.digits ? 0 : a.digits < b.digits ? -1 : 1;
  }
  if (a.num !== b.num) return a.num ? 1 : -1;
  const { word: wa, pre: pa } = a as { word: string; pre: number | undefined };
  const { word: wb, pre: pb } = b as { word: string; pre: number | undefined };
  if (pa !== undefined && pb !== undefined && pa !== pb) return pa < pb ? -1 : 1;
  if (pa !== undefined && pb === undefined) return -1;
  if (pb !== undefined && pa === undefined) return 1;
  return wa === wb ? 0 : wa < wb ? -1 : 1;
}

/** -1, 0 or 1 as `a` is older than, the same as or newer than `b`. */
export function compareLooseVersions(a: string, b: string): number {
  const x = versionTokens(a);
  const y = versionTokens(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const c = compareTokens(x[i], y[i]);
    if (c !== 0) return c;
  }
  if (x.length === y.length) return 0;
  const rest = (x.length > y.length ? x[n] : y[n]);
  const longerIsNewer = rest.num || rest.pre === undefined;
  return (x.length > y.length) === longerIsNewer ? 1 : -1;
}
