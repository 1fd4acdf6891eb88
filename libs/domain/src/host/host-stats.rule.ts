/** Online and total hosts at one time: one sample of the history the dashboard charts. */
export interface HostStatusSample {
  readonly at: Date;
  readonly online: number;
  readonly total: number;
}

/**
 * Samples averaged into buckets of `bucketMs` (aligned to the epoch), each dated by its bucket's start, in time
 * order. Buckets with no sample are left out rather than shown as zero: a gap means nothing was recorded.
 */
export function bucketSamples(samples: readonly HostStatusSample[], bucketMs: number): HostStatusSample[] {
  const buckets = new Map<number, { online: number; total: number; n: number }>();
  for (const s of samples) {
    const start = Math.floor(s.at.getTime() / bucketMs) * bucketMs;
    const b = buckets.get(start) ?? { online: 0, total: 0, n: 0 };
    b.online += s.online;
    b.total += s.total;
    b.n += 1;
    buckets.set(start, b);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b)
    .map(([start, b]) => ({ at: new Date(start), online: Math.round(b.online / b.n), total: Math.round(b.total / b.n) }));
}

/**
 * Fleet's `name_only` and `version` of an os_version string: the name is everything before the first word
 * that starts with a digit ("Ubuntu 22.04.3 LTS" → "Ubuntu" + "22.04.3 LTS"). Joined with one space they give
 * the string back, which is what the host filter `os_name` + `os_version` matches.
 */
export function splitOsVersion(osVersion: string): { readonly name: string; readonly version: string } {
  const words = osVersion.trim().split(/\s+/);
  const i = words.findIndex((w) => /^\d/.test(w));
  if (i <= 0) return { name: words.join(' '), version: '' };
  return { name: words.slice(0, i).join(' '), version: words.slice(i).join(' ') };
}
