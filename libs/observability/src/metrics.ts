import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HttpRequestMetrics } from './http-request.metrics';

/** Upper bounds (seconds) of the request latency histogram. */
export const HTTP_DURATION_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One Prometheus registry per process with the HTTP metrics every role exposes. Node's defaults add
 * event-loop lag (`nodejs_eventloop_lag_*`), heap and process CPU/RSS figures.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly http: HttpRequestMetrics;

  constructor(readonly role: string) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.http = new HttpRequestMetrics(this.registry, HTTP_DURATION_BUCKETS);
  }

  /** One served request, in `http_requests_total` and `http_request_duration_seconds`. */
  observeRequest(handler: string, method: string, code: number, seconds: number): void {
    this.http.observe(handler, method, code, seconds);
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
