import { Counter, Histogram, Registry } from 'prom-client';
import { HTTP_DURATION_BUCKETS, MetricsRegistry } from './metrics';

describe('MetricsRegistry.observeRequest', () => {
  it('counts and times each route, method and code separately, also when the same labels come again', async () => {
    const m = new MetricsRegistry('test');
    m.observeRequest('/api/osquery/distributed/read', 'POST', 200, 0.002);
    m.observeRequest('/api/osquery/distributed/read', 'POST', 200, 0.02);
    m.observeRequest('/api/osquery/distributed/read', 'POST', 500, 0.3);
    m.observeRequest('/api/osquery/config', 'POST', 200, 0.001);
    const text = await m.text();
    const sample = (name: string, code: string, handler: string): number =>
      Number(new RegExp(`^${name}\\{[^}]*handler="${handler.replace(/\//g, '\\/')}",method="POST",code="${code}"[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(sample('http_requests_total', '200', '/api/osquery/distributed/read')).toBe(2);
    expect(sample('http_requests_total', '500', '/api/osquery/distributed/read')).toBe(1);
    expect(sample('http_requests_total', '200', '/api/osquery/config')).toBe(1);
    expect(sample('http_request_duration_seconds_count', '200', '/api/osquery/distributed/read')).toBe(2);
    expect(sample('http_request_duration_seconds_sum', '200', '/api/osquery/distributed/read')).toBeCloseTo(0.022);
  });
});

/** Samples of an exposition as `name{sorted labels}` → value, so two expositions compare regardless of label order. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || !m[1]?.startsWith('http_')) continue;
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => `${l[1]}=${l[2]}`).sort().join(',');
    out.set(`${m[1]}{${labels}}`, Number(m[3]));
  }
  return out;
}

describe('the HTTP request metrics', () => {
  it.each([Registry.PROMETHEUS_CONTENT_TYPE, Registry.OPENMETRICS_CONTENT_TYPE])('expose the same samples as prom-client\'s own counter and histogram fed the same requests (%s)', async (contentType) => {
    const ours = new MetricsRegistry('ingest');
    ours.registry.setContentType(contentType as typeof Registry.PROMETHEUS_CONTENT_TYPE);
    const reference = new Registry();
    reference.setContentType(contentType as typeof Registry.PROMETHEUS_CONTENT_TYPE);
    reference.setDefaultLabels({ role: 'ingest' });
    const labelNames = ['handler', 'method', 'code'] as const;
    const count = new Counter({ name: 'http_requests_total', help: 'h', labelNames, registers: [reference] });
    const time = new Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames, buckets: [...HTTP_DURATION_BUCKETS], registers: [reference] });
    const handlers = ['/api/osquery/distributed/read', '/api/osquery/config', '/api/latest/fleet/hosts', 'unmatched'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const handler = handlers[Math.floor(next() * handlers.length)];
      const code = next() < 0.9 ? 200 : 500;
      // Latencies across every bucket, bounds themselves included (a value equal to a bound is in that bucket).
      const seconds = next() < 0.05 ? HTTP_DURATION_BUCKETS[i % HTTP_DURATION_BUCKETS.length] : next() ** 4 * 12;
      ours.observeRequest(handler, 'POST', code, seconds);
      count.inc({ handler, method: 'POST', code: String(code) });
      time.observe({ handler, method: 'POST', code: String(code) }, seconds);
    }
    const got = samples(await ours.text());
    const want = samples(await reference.metrics());
    expect(want.size).toBeGreaterThan(100);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [k, v] of want) expect([k, got.get(k)]).toEqual([k, k.includes('_sum') ? expect.closeTo(v, 9) : v]);
  });
});
