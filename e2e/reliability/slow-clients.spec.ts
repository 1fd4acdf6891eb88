import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSlowClients } from '@fleet/testing';
import type { SlowClientsResult } from '@fleet/testing';
import { FLEET_BIN } from '../support/fleet-process';

/**
 * Issue 18, CI-sized: 200 slowloris connections and 4 results websockets that stop reading, attached while 100
 * simulated hosts check in. The long run (1,000 hosts, 500 connections, 60 s windows) is
 * `npm run bench:reliability -- slow`, figures in bench/results/reliability-slow-clients.md.
 */
describe('slow clients while agents check in (CI size)', () => {
  let r: SlowClientsResult;

  beforeAll(async () => {
    r = await runSlowClients({ fleetMain: FLEET_BIN, runDir: mkdtempSync(join(tmpdir(), 'fleet-slow-')), hosts: 100, slowloris: 200, websocketReaders: 4, windowMs: 15_000, log: () => undefined });
  }, 240_000);

  it('keeps answering every agent, without errors or node_invalid', () => {
    expect(r.underAttack.requests).toBeGreaterThan(r.baseline.requests / 2);
    expect({ errors: r.underAttack.errors, nodeInvalid: r.underAttack.nodeInvalid }).toEqual({ errors: 0, nodeInvalid: 0 });
    // A server that slow connections could hold up would keep agents waiting for seconds (osquery gives up at 16 s).
    expect(r.underAttack.checkinMs.p99).toBeLessThan(2000);
  });

  it('holds the slowloris connections without refusing anyone', () => {
    expect(r.slowloris.refused).toBe(0);
  });

  it('does not buffer results for websocket clients that stopped reading (server memory + < 50 MiB)', () => {
    expect(r.serverRssMb.before).not.toBeNull();
    expect((r.serverRssMb.peak ?? Infinity) - (r.serverRssMb.before ?? 0)).toBeLessThan(50);
  });
});
