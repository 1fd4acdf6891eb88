import { LatencyHistogram } from '@fleet/simulator';
import type { AgentEndpoint, LatencySummary, SimulatorStats } from '@fleet/simulator';

/** Agent traffic of one phase, as the simulated agents saw it. */
export interface AgentWindow {
  readonly seconds: number;
  readonly requests: number;
  /** Error bodies, non-JSON answers and transport failures. */
  readonly errors: number;
  readonly nodeInvalid: number;
  readonly latencyMs: LatencySummary;
  /** distributed/read only: the check-in every host makes every distributed interval. */
  readonly checkinMs: LatencySummary;
}

/**
 * Taps a simulator's stats so every request also lands in the current window; `take()` returns the window and
 * starts the next one. (The simulator's own histograms are cumulative and cannot be differenced.)
 */
export class AgentWindowTap {
  private started = Date.now();
  private requests = 0;
  private errors = 0;
  private nodeInvalid = 0;
  private nodeInvalidTotal = 0;
  private latency = new LatencyHistogram();
  private checkin = new LatencyHistogram();

  constructor(stats: SimulatorStats) {
    const record = stats.recordRequest.bind(stats);
    stats.recordRequest = (endpoint: AgentEndpoint, r) => {
      record(endpoint, r);
      this.requests++;
      this.latency.record(r.latencyMs);
      if (endpoint === 'distributed_read') this.checkin.record(r.latencyMs);
      if (r.outcome === 'node_invalid') {
        this.nodeInvalid++;
        this.nodeInvalidTotal++;
      } else if (r.outcome !== 'ok') this.errors++;
    };
  }

  /** node_invalid answers since the tap was made. */
  get nodeInvalidSoFar(): number {
    return this.nodeInvalidTotal;
  }

  take(): AgentWindow {
    const w: AgentWindow = {
      seconds: Math.round((Date.now() - this.started) / 100) / 10, requests: this.requests, errors: this.errors, nodeInvalid: this.nodeInvalid,
      latencyMs: this.latency.summary(), checkinMs: this.checkin.summary(),
    };
    this.started = Date.now();
    this.requests = 0;
    this.errors = 0;
    this.nodeInvalid = 0;
    this.latency = new LatencyHistogram();
    this.checkin = new LatencyHistogram();
    return w;
  }
}
