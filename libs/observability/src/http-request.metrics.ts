import type { Metric, Registry } from 'prom-client';

type HttpLabel = 'handler' | 'method' | 'code';
type HttpLabels = Record<HttpLabel, string>;

/** One sample as prom-client's registry formats it: `metricName` defaults to the metric's name. */
interface Sample {
  readonly metricName?: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

interface Series {
  readonly labels: HttpLabels;
  count: number;
  sum: number;
  /** Observations per bucket, not cumulative: index i counts values in (bounds[i-1], bounds[i]]. */
  readonly perBucket: number[];
}

/** Route patterns are bounded (unmatched paths share one), so series stay few; this is a guard. */
const MAX_SERIES = 10_000;
const OVERFLOW_KEY = '\u0000overflow';
const OVERFLOW_LABELS: HttpLabels = { handler: 'other', method: 'other', code: 'other' };

/**
 * `http_requests_total` and `http_request_duration_seconds`, by route pattern, method and status code, kept as
 * plain numbers per series and handed to the registry in the form prom-client's own counter and histogram give.
 * prom-client's labelled children check and hash their labels on every call, which cost an agent check-in about
 * 3 % of its CPU; here a request costs one map lookup and a bucket search. The exposition is the same samples
 * (metrics.spec compares it with prom-client's for the same observations).
 */
export class HttpRequestMetrics {
  private readonly series = new Map<string, Series>();

  constructor(registry: Registry, private readonly bounds: readonly number[]) {
    registry.registerMetric(this.view('http_requests_total', 'HTTP requests by route pattern, method and status code', 'counter', (s) => [
      { labels: s.labels, value: s.count },
    ]));
    registry.registerMetric(this.view('http_request_duration_seconds', 'HTTP request latency by route pattern, method and status code', 'histogram', (s) => {
      const out: Sample[] = [];
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += s.perBucket[i] ?? 0;
        out.push({ metricName: 'http_request_duration_seconds_bucket', labels: { ...s.labels, le }, value: cumulative });
      });
      out.push({ metricName: 'http_request_duration_seconds_bucket', labels: { ...s.labels, le: '+Inf' }, value: s.count });
      out.push({ metricName: 'http_request_duration_seconds_sum', labels: s.labels, value: s.sum });
      out.push({ metricName: 'http_request_duration_seconds_count', labels: s.labels, value: s.count });
      return out;
    }));
  }

  observe(handler: string, method: string, code: number, seconds: number): void {
    const key = `${code} ${method} ${handler}`;
    let s = this.series.get(key);
    if (!s) {
      // Past the guard every new series is counted under one, so nothing goes uncounted.
      const full = this.series.size >= MAX_SERIES;
      s = (full ? this.series.get(OVERFLOW_KEY) : undefined) ?? this.newSeries(full ? OVERFLOW_LABELS : { handler, method, code: String(code) });
      this.series.set(full ? OVERFLOW_KEY : key, s);
    }
    s.count += 1;
    s.sum += seconds;
    for (let i = 0; i < this.bounds.length; i += 1) {
      if (seconds <= this.bounds[i]) {
        s.perBucket[i] = (s.perBucket[i] ?? 0) + 1;
        break;
      }
    }
  }

  private newSeries(labels: HttpLabels): Series {
    return { labels, count: 0, sum: 0, perBucket: this.bounds.map(() => 0) };
  }

  /** A metric object as the registry reads one: its samples are computed from the series when scraped. */
  private view(name: string, help: string, type: 'counter' | 'histogram', samples: (s: Series) => Sample[]): Metric {
    // The registry renames a counter for OpenMetrics (`…_total` → `…`, suffixed again per sample), as it does
    // prom-client's own; `get` reads the name from the object so the rename holds here too.
    const metric = {
      name, help, type, aggregator: 'sum', labelNames: ['handler', 'method', 'code'],
      get: (): Promise<{ name: string; help: string; type: string; aggregator: 'sum'; values: Sample[] }> =>
        Promise.resolve({ name: metric.name, help, type, aggregator: 'sum', values: [...this.series.values()].flatMap(samples) }),
      reset: (): void => this.series.clear(),
    };
    return metric as unknown as Metric;
  }
}
