/**
 * RPM versions compared as rpm's `rpmvercmp` and `rpmVersionCompare` do: an EVR is `[epoch:]version[-release]`;
 * epochs compare as numbers (absent = 0), then version, then release, each by rpmvercmp: the strings are
 * cut into runs of digits or of letters (other characters only separate), a numeric run is newer than an
 * alphabetic one, numbers compare without leading zeros, and the string with runs left over is newer —
 * except that `~` sorts before everything (even the end: 1.0~rc1 < 1.0) and `^` after the end but before
 * anything else (1.0 < 1.0^git1 < 1.0.1).
 */
export interface RpmEvr {
  /** Null when the text had no epoch. */
  readonly epoch: number | null;
  readonly version: string;
  readonly release: string;
}

export function parseRpmEvr(text: string): RpmEvr {
  const v = text.trim();
  const colon = v.indexOf(':');
  let epoch: number | null = null;
  let rest = v;
  if (colon > 0 && /^\d+$/.test(v.slice(0, colon))) {
    epoch = Number(v.slice(0, colon));
    rest = v.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0 ? { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) } : { epoch, version: rest, release: '' };
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlnum = (c: string): boolean => isDigit(c) || isAlpha(c);

/** rpmvercmp: -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const ca = (k: number): string => a[k] ?? '';
  const cb = (k: number): string => b[k] ?? '';
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(ca(i)) && ca(i) !== '~' && ca(i) !== '^') i++;
    while (j < b.length && !isAlnum(cb(j)) && cb(j) !== '~' && cb(j) !== '^') j++;
    if (ca(i) === '~' || cb(j) === '~') {
      if (ca(i) !== '~') return 1;
      if (cb(j) !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca(i) === '^' || cb(j) === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca(i) !== '^') return 1;
      if (cb(j) !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(ca(i));
    const inRun = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && inRun(ca(ei))) ei++;
    while (ej < b.length && inRun(cb(ej))) ej++;
    // b has a run of the other kind here: a numeric run is newer than an alphabetic one.
    if (ej === j) return numeric ? 1 : -1;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/**
 * Compares two EVRs. When only one side states an epoch, `missingEpoch` decides: `zero` treats the absent
 * one as 0 (rpm's rule), `ignore` compares versions and releases only — for an installed package whose
 * epoch the inventory does not carry (osquery's software query reports version and release, not epoch),
 * where assuming 0 would call every package with an epoch out of date.
 */
export function compareRpmEvr(a: string | RpmEvr, b: string | RpmEvr, missingEpoch: 'zero' | 'ignore' = 'zero'): number {
  const x = typeof a === 'string' ? parseRpmEvr(a) : a;
  const y = typeof b === 'string' ? parseRpmEvr(b) : b;
  const bothStated = x.epoch !== null && y.epoch !== null;
  if (bothStated || missingEpoch === 'zero') {
    const ex = x.epoch ?? 0;
    const ey = y.epoch ?? 0;
    if (ex !== ey) return ex < ey ? -1 : 1;
  }
  const v = rpmvercmp(x.version, y.version);
  if (v !== 0) return v;
  // A missing release matches any release (rpm compares releases only when both have one).
  if (x.release === '' || y.release === '') return 0;
  return rpmvercmp(x.release, y.release);
}
