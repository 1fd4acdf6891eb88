import { FakeOsqueryServer, waitFor } from './fake-osquery-server.spec-helper';
import { FleetSimulator } from './fleet-simulator';

describe('FleetSimulator', () => {
  it('runs a small mixed fleet, reports stats and stops cleanly', async () => {
    const server = new FakeOsqueryServer('s');
    const url = await server.start();
    const sim = new FleetSimulator({
      serverUrl: url, enrollSecret: 's', hosts: 12, rampMs: 60, connections: 4, jitter: 0.2,
      intervals: { distributedMs: 40, loggerMs: 40, configRefreshMs: 500, retryBaseMs: 10 },
    });
    try {
      const since = Date.now();
      server.readFor = () => ({ queries: { fleet_distributed_query_1: 'SELECT hostname FROM system_info' }, discovery: {} });
      sim.start();
      await waitFor(() => sim.stats.liveAnswerTimes('fleet_distributed_query_1').length === 12, 5000, 'all hosts answered');
      const s = sim.snapshot();
      expect(s.hosts).toEqual({ total: 12, enrolled: 12 });
      expect(s.enrollments).toBe(12);
      expect(s.endpoints.enroll.requests).toBe(12);
      expect(s.endpoints.distributed_read.latencyMs.count).toBeGreaterThanOrEqual(12);
      expect(s.totals.bytesSent).toBeGreaterThan(0);
      expect(s.liveQueries['fleet_distributed_query_1']?.hostsAnswered).toBe(12);
      expect(sim.timeToAnswered('fleet_distributed_query_1', 0.5, 12, since)).toBeGreaterThanOrEqual(0);
      const platforms = new Set(sim.hosts.map((h) => h.profile.platform));
      expect(platforms.size).toBe(3);
      // Twelve hosts share the four keep-alive sockets: at least one opened, never more than the bound.
      expect(sim.stats.connectionsOpened).toBeGreaterThanOrEqual(1);
      expect(sim.stats.connectionsOpened).toBeLessThanOrEqual(4);
    } finally {
      await sim.stop();
      await server.stop();
    }
    expect(sim.stats.connectionsClosed).toBe(sim.stats.connectionsOpened);
    const requestsAfterStop = server.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests.length).toBe(requestsAfterStop);
  });
});
