import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

/**
 * How much longer than on a server doing nothing else the event loop may be held, and a health check may wait,
 * while one large agent request is processed. The comparison with the same server idle just before keeps the
 * test honest on a shared machine, where another process may take the CPU from this one at any time.
 */
const BOUND_MS = 1000; // the defect held the loop 2.9-3.8 s; 1 s leaves room for other processes on two shared cores

/** A distributed/write answering `count` label queries (`{"fleet_label_query_<id>":[{"1":"1"}]}`), as JSON text. */
const labelWrite = (nodeKey: string, count: number, firstId = 1): string => {
  const queries = Array.from({ length: count }, (_, i) => `"fleet_label_query_${firstId + i}":[{"1":"1"}]`);
  return `{"node_key":"${nodeKey}","queries":{${queries.join(',')}},"statuses":{}}`;
};

/**
 * One agent request must not stall the process: a distributed/write of 3.5 MB with 100,000 query keys held the
 * event loop for 3.8 s (a /healthz waited 3.65 s). While such a request (or a 10 MiB log batch) is handled,
 * the event loop's longest delay (perf_hooks.monitorEventLoopDelay) and the slowest concurrent /healthz stay
 * within BOUND_MS of what they are on the idle server.
 */
describe('large agent requests', () => {
  let kit: IngestKit;
  let nodeKey: string;
  let hostId: number;

  const resultFile = join(mkdtempSync(join(tmpdir(), 'fleet-large-')), 'result.log');

  beforeAll(async () => {
    kit = await startIngestKit('large_write', { filesystem_result_log_file: resultFile, filesystem_status_log_file: join(dirname(resultFile), 'status.log') });
    nodeKey = await kit.enroll('large-write-host');
    [{ id: hostId }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'large-write-host'");
  });
  afterAll(() => kit.close());

  /**
   * Runs `work` while /healthz is polled (30 checks at least); returns its result, the slowest health check and
   * the longest event-loop delay (perf_hooks.monitorEventLoopDelay) seen meanwhile.
   */
  const underWatch = async <T>(work: () => Promise<T>) => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let done = false;
    let slowestHealth = 0;
    let healthChecks = 0;
    const health = (async () => {
      while (!done || healthChecks < 30) {
        const started = performance.now();
        expect((await fetch(`${kit.app.url}/healthz`)).status).toBe(200);
        slowestHealth = Math.max(slowestHealth, performance.now() - started);
        healthChecks += 1;
      }
    })();
    loop.enable();
    const result = await work();
    done = true;
    await health;
    loop.disable();
    return { result, slowestHealth, loopMaxMs: loop.max / 1e6 };
  };
  /**
   * Posts `body` under watch and compares with the same watch over the server idle just before. On a shared
   * machine a pause of the whole process (another process on the CPU, a collection of an earlier test's
   * garbage) can land in any one watch, so it is done up to three times and the best attempt counts: a stall
   * caused by the request is there every time.
   */
  const watchedWrite = async (body: string, path = '/api/osquery/distributed/write') => {
    let best: { res: Awaited<ReturnType<IngestKit['postRaw']>>; addedLoopDelay: number; addedHealthWait: number } | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const baseline = await underWatch(() => Promise.resolve());
      const watched = await underWatch(() => kit.postRaw(path, body));
      const figures = {
        res: watched.result,
        addedLoopDelay: Math.round(watched.loopMaxMs - baseline.loopMaxMs),
        addedHealthWait: Math.round(watched.slowestHealth - baseline.slowestHealth),
      };
      if (!best || Math.max(figures.addedLoopDelay, figures.addedHealthWait) < Math.max(best.addedLoopDelay, best.addedHealthWait)) best = figures;
      if (best.addedLoopDelay < BOUND_MS && best.addedHealthWait < BOUND_MS) break;
    }
    return best as NonNullable<typeof best>;
  };

  it('refuses a 3.5 MB write of 100,000 query keys whole, with an agent error, without holding the event loop', async () => {
    const body = labelWrite(nodeKey, 100_000);
    expect(body.length).toBeGreaterThan(3_500_000);
    const { res, addedLoopDelay, addedHealthWait } = await watchedWrite(body);
    expect(addedLoopDelay).toBeLessThan(BOUND_MS);
    expect(addedHealthWait).toBeLessThan(BOUND_MS);
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: 'distributed/write carries 100000 queries entries; at most 10000 are accepted (osquery.max_distributed_write_queries)' });
    // Nothing of it was applied: the host's label results were never written.
    expect(await kit.db.dataSource.query('SELECT COUNT(*) AS n FROM label_membership WHERE host_id = ? AND label_id > 1', [hostId])).toEqual([{ n: 0 }]);
  });

  it('takes a 10 MiB result log batch (25,000 lines) in slices, without holding the event loop', async () => {
    const line = (i: number) => JSON.stringify({
      name: 'pack/Global/usb_devices', hostIdentifier: 'large-write-host', calendarTime: 'Mon Jan  1 00:00:00 2024 UTC', unixTime: 1_704_067_200, epoch: 0, counter: i,
      decorations: { host_uuid: 'a3f1c9e2-5b7d-4e8a-9c1f-2d3e4f5a6b7c', hostname: 'large-write-host' },
      columns: { vendor: 'Apple Inc.', model: 'Magic Keyboard', serial: `F0T${i}`, class: '3', subclass: '1', protocol: '2', removable: '1' }, action: 'added',
    });
    const body = `{"node_key":"${nodeKey}","log_type":"result","data":[${Array.from({ length: 25_000 }, (_, i) => line(i)).join(',')}]}`;
    expect(body.length).toBeGreaterThan(9 * 1024 * 1024);
    const { res, addedLoopDelay, addedHealthWait } = await watchedWrite(body, '/api/osquery/log');
    expect(addedLoopDelay).toBeLessThan(BOUND_MS);
    expect(addedHealthWait).toBeLessThan(BOUND_MS);
    expect(res).toEqual({ status: 200, json: {} });
    // Every attempt's batch was written whole (the lines of one attempt carry the same counters).
    const counters = readFileSync(resultFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { counter: number }).counter);
    expect(counters.length % 25_000).toBe(0);
    expect(counters.filter((c) => c === 24_999)).toHaveLength(counters.length / 25_000);
  });

  it('applies a write at the bound (10,000 query keys) in slices, without holding the event loop', async () => {
    const { res, addedLoopDelay, addedHealthWait } = await watchedWrite(labelWrite(nodeKey, 10_000, 1000));
    expect(addedLoopDelay).toBeLessThan(BOUND_MS);
    expect(addedHealthWait).toBeLessThan(BOUND_MS);
    expect(res).toEqual({ status: 200, json: {} });
    await kit.waitFor('SELECT COUNT(*) AS n FROM label_membership WHERE host_id = ? AND label_id >= 1000', [hostId], (r) => Number(r[0]?.['n']) === 10_000, 20_000);
  });
});
