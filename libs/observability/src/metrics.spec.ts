import { MetricsRegistry } from './metrics';

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
