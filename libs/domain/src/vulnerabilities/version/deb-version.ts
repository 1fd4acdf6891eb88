/**
 * Debian package versions compared as dpkg compares them (deb-version(7)): `[epoch:]upstream[-revision]`.
 * The epoch is a number (absent = 0) compared first; the upstream version and the revision (after the last
 * hyphen; absent = empty, which equals "0") are compared by the same rule: alternating runs of non-digits
 * (character by character, `~` before anything — even the end —, then the end, then letters, then other
 * characters) and runs of digits (numerically).
 */
export interface DebVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

export function parseDebVersion(text: string): DebVersion {
  const v = text.trim();
  const colon = v.indexOf(':');
  let epoch = 0;
  let rest = v;
  if (colon > 0 && /^\d+$/.test(v.slice(0, colon))) {
    epoch = Number(v.slice(0, colon));
    rest = v.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0 ? { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) } : { epoch, upstream: rest, revision: '' };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** dpkg's weight of one character of a non-digit run (0 stands for the end of the string). */
function order(c: number): number {
  if (c === 0 || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/** dpkg's verrevcmp: negative, 0 or positive as `a` sorts before, with or after `b`. */
export function compareDebFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  const at = (s: string, k: number): number => (k < s.length ? s.charCodeAt(k) : 0);
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(at(a, i))) || (j < b.length && !isDigit(at(b, j)))) {
      const ac = order(at(a, i));
      const bc = order(at(b, j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (at(a, i) === 48) i++;
    while (at(b, j) === 48) j++;
    let firstDiff = 0;
    while (isDigit(at(a, i)) && isDigit(at(b, j))) {
      if (firstDiff === 0) firstDiff = at(a, i) - at(b, j);
      i++;
      j++;
    }
    if (isDigit(at(a, i))) return 1;
    if (isDigit(at(b, j))) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/** -1, 0 or 1 as version `a` is older than, equal to or newer than `b`. */
export function compareDebVersions(a: string, b: string): number {
  const x = parseDebVersion(a);
  const y = parseDebVersion(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return Math.sign(compareDebFragment(x.upstream, y.upstream) || compareDebFragment(x.revision, y.revision));
}
