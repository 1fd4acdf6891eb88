/** Summary of a histogram, all values in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

const LOWEST_MS = 0.05;
const GROWTH = 1.04;
const BUCKETS = 420; // 0.05 ms · 1.04^420 ≈ 700 s, beyond any request timeout

/**
 * Fixed log-bucket latency histogram (HDR-like, ~4 % relative precision): constant memory per endpoint however
 * many thousand requests a run makes. A percentile reports the upper bound of its bucket, clamped to the
 * observed min/max, so it never under-states a latency by more than one bucket width.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS + 1);
  private total = 0;
  private sum = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    this.counts[bucketOf(v)] = (this.counts[bucketOf(v)] ?? 0) + 1;
    this.total++;
    this.sum += v;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  get count(): number {
    return this.total;
  }

  /** q in [0, 1]; 0 when empty. */
  percentile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i <= BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.maxMs, Math.max(this.minMs, upperBound(i)));
    }
    return this.maxMs;
  }

  /** A copy of what has been recorded so far, to difference later with `since`. */
  copy(): LatencyHistogram {
    const c = new LatencyHistogram();
    c.merge(this);
    return c;
  }

  /**
   * What was recorded after `earlier`, a `copy()` of this histogram taken before: bucket counts, count and sum
   * are exact differences; min and max become the bounds of the lowest and highest bucket still holding values,
   * so percentiles keep their one-bucket precision.
   */
  since(earlier: LatencyHistogram): LatencyHistogram {
    const d = new LatencyHistogram();
    let lowest = -1;
    let highest = -1;
    for (let i = 0; i <= BUCKETS; i++) {
      const n = (this.counts[i] ?? 0) - (earlier.counts[i] ?? 0);
      if (n < 0) throw new Error('LatencyHistogram.since: the earlier histogram is not a copy of this one');
      d.counts[i] = n;
      if (n > 0) {
        if (lowest < 0) lowest = i;
        highest = i;
      }
    }
    d.total = this.total - earlier.total;
    d.sum = this.sum - earlier.sum;
    if (highest >= 0) {
      d.minMs = Math.max(this.minMs, lowest === 0 ? 0 : upperBound(lowest - 1));
      d.maxMs = Math.min(this.maxMs, upperBound(highest));
    }
    return d;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i <= BUCKETS; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.total += other.total;
    this.sum += other.sum;
    this.minMs = Math.min(this.minMs, other.minMs);
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  summary(): LatencySummary {
    const round = (n: number): number => Math.round(n * 100) / 100;
    return {
      count: this.total,
      min: this.total === 0 ? 0 : round(this.minMs),
      mean: this.total === 0 ? 0 : round(this.sum / this.total),
      p50: round(this.percentile(0.5)),
      p95: round(this.percentile(0.95)),
      p99: round(this.percentile(0.99)),
      max: round(this.maxMs),
    };
  }
}

function bucketOf(ms: number): number {
  if (ms <= LOWEST_MS) return 0;
  return Math.min(BUCKETS, Math.ceil(Math.log(ms / LOWEST_MS) / Math.log(GROWTH)));
}

function upperBound(bucket: number): number {
  return LOWEST_MS * Math.pow(GROWTH, bucket);
}
