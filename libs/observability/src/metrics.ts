import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process with the HTTP metrics every role exposes. Node's defaults add
 * event-loop lag (`nodejs_eventloop_lag_*`), heap and process CPU/RSS figures.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'handler' | 'method' | 'code'>;
  readonly httpDuration: Histogram<'handler' | 'method' | 'code'>;
  /** The labelled children of the two HTTP metrics per route, method and code: found once, not hashed per request. */
  private readonly httpChildren = new Map<string, { readonly count: { inc(): void }; readonly time: { observe(v: number): void } }>();

  constructor(readonly role: string) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route pattern, method and status code',
      labelNames: ['handler', 'method', 'code'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route pattern, method and status code',
      labelNames: ['handler', 'method', 'code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  observeRequest(handler: string, method: string, code: number, seconds: number): void {
    const key = `${code} ${method} ${handler}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      const labels = { handler, method, code: String(code) };
      child = { count: this.httpRequests.labels(labels), time: this.httpDuration.labels(labels) };
      // Route patterns are bounded (unmatched paths share one), so this stays small; the bound is a guard.
      if (this.httpChildren.size < 10_000) this.httpChildren.set(key, child);
    }
    child.count.inc();
    child.time.observe(seconds);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []): Histogram<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Histogram<L>;
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }

  /**
   * A gauge whose value is read when Prometheus scrapes: `collect` sets it (from Redis, a queue, a pool).
   * A failing `collect` leaves the gauge without samples for that scrape rather than failing /metrics.
   */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (g: Gauge<L>) => Promise<void> | void): Gauge<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Gauge<L>;
    return new Gauge<L>({
      name, help, labelNames, registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await collect(this);
        } catch {
          // No samples this scrape: the dependency is unreachable, which /healthz reports.
        }
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
