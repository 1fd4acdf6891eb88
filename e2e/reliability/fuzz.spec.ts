import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processEnv } from '@fleet/config';
import { runFuzz } from '@fleet/testing';
import type { FuzzReport } from '@fleet/testing';
import { FLEET_BIN } from '../support/fleet-process';

/**
 * Issue 18, CI-sized: property-based fuzzing (fast-check) of every agent route and every GET route declared in
 * @fleet/contracts against the built `fleet serve`, a few thousand requests. The long run is
 * `npm run bench:reliability -- fuzz` (≥ 100,000 requests, figures in bench/results/reliability-fuzz.md).
 */
describe('fuzzing the agent routes and the admin API (CI size)', () => {
  let report: FuzzReport;

  beforeAll(async () => {
    report = await runFuzz({
      fleetMain: FLEET_BIN, runDir: mkdtempSync(join(tmpdir(), 'fleet-fuzz-')), requests: 3000, seed: Number(processEnv()['FUZZ_SEED'] ?? 18),
      concurrency: 4, maxLatencyMs: 1000, agentShare: 0.6, log: () => undefined,
    });
  }, 240_000);

  it('sent the generated requests to every target', () => {
    expect(report.requests.generated).toBeGreaterThanOrEqual(3000);
    expect(Object.keys(report.requests.byTarget).filter((t) => t.startsWith('agent ')).length).toBe(7);
    expect(report.adminRoutes).toBeGreaterThan(40);
  });

  it('got no undeclared 5xx, an answer to every request, each within 1 s (shrunk counterexamples otherwise)', () => {
    expect(report.violations.map((v) => ({ signature: v.signature, request: v.counterexample, answer: v.answer }))).toEqual([]);
  });

  it('kept the server up and healthy with bounded memory', () => {
    expect(report.monitor.exited).toBe(false);
    expect(report.monitor.health.failed).toBe(0);
    expect(report.monitor.rssMb.peak).toBeLessThan(1024);
  });
});
