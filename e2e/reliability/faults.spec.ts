import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_STREAMS } from '@fleet/contracts';
import { FAULTS, NetworkNamespace, runFault } from '@fleet/testing';
import type { FaultName, FaultResult } from '@fleet/testing';
import { FLEET_BIN } from '../support/fleet-process';

/**
 * Issue 18, CI-sized: each dependency fault with 60 simulated hosts and a 5 s outage, accounted line by line by
 * the simulator's sequence numbers. The long runs (300 hosts, MySQL 60 s, Redis 30 s, webhook 10 min …) are
 * `npm run bench:reliability -- faults`, figures in bench/results/reliability-faults.md.
 */
const run = (fault: FaultName): Promise<FaultResult> => runFault({
  fleetMain: FLEET_BIN, runDir: mkdtempSync(join(tmpdir(), `fleet-fault-${fault}-`)), fault, hosts: 60, faultMs: 5000, warmMs: 4000,
  recoveryTimeoutMs: 60_000, steadyMs: 3000, degraded: { lossPercent: 20, delayMs: 100, ms: 5000 }, log: () => undefined,
});

/** What every fault must show: nothing acknowledged lost, no node_invalid, recovery without a restart. */
function expectNothingLost(r: FaultResult): void {
  expect({ lost: r.lines.lost, examples: r.lines.lostExamples }).toEqual({ lost: 0, examples: [] });
  expect(r.lines.acknowledged).toBeGreaterThan(r.hosts * 5);
  expect(r.nodeInvalid).toBe(0);
  expect(r.recovery.logBacklogMs).not.toBeNull();
  expect(r.recovery.hostDataMs).not.toBeNull();
  expect(r.hostData.lastAcknowledgedStored).toBe(true);
  // After the backlog is in, agents see no error at all.
  expect(r.phases.after.errors).toBe(0);
}

describe.each(FAULTS.filter((f) => !f.startsWith('partition-')))('fault %s (CI size)', (fault) => {
  let r: FaultResult;
  beforeAll(async () => {
    r = await run(fault);
  }, 180_000);

  it('loses no acknowledged line, answers no node_invalid and recovers by itself', () => {
    expectNothingLost(r);
  });

  it('delivers each line once, or states the duplicates', () => {
    // A replica killed mid-request may have delivered a batch whose answer never reached the agent: the agent
    // sends it again. Every other fault orders the work so that a failed request delivered nothing.
    if (fault === 'ingest-kill') expect(r.lines.duplicated).toBeLessThanOrEqual(r.lines.acknowledged * 0.01);
    else expect(r.lines.duplicated).toBe(0);
  });

  if (fault === 'redis-down-empty') {
    it('recovers within 10 s and states what only Redis held', () => {
      expect(r.recovery.hostDataMs).toBeLessThan(10_000);
      // Counted per agent stream against its writer group, which was running when Redis died.
      expect(Object.entries(r.lostWithRedis ?? {}).map(([stream, v]) => [stream, v.writerGroup, v.unwritten <= v.length]))
        .toEqual(Object.values(AGENT_STREAMS).map((s) => [s.key, true, true]));
    });
  }
});

(NetworkNamespace.unavailable() ? describe.skip : describe).each(FAULTS.filter((f) => f.startsWith('partition-')))('fault %s (CI size)', (fault) => {
  let r: FaultResult;
  beforeAll(async () => {
    r = await run(fault);
  }, 180_000);

  it('loses no acknowledged line and doubles none across a partition and a lossy, slow link', () => {
    expectNothingLost(r);
    expect(r.lines.duplicated).toBe(0);
    expect(r.partitionMechanism).toMatch(/netem|nftables/);
    expect(r.degraded?.mechanism).toMatch(/netem|nftables/);
  });
});
