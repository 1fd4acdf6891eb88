import type { SimulatedHost } from '@fleet/simulator';
import type { LogSink } from './log-sink';

/**
 * Exact accounting of result lines by per-host sequence number (the simulator stamps 1, 2, 3 … on every line):
 *   generated      lines the agents made
 *   acknowledged   lines the server answered "accepted" for (1 … acknowledgedSequence of each host)
 *   delivered      distinct lines the destination received
 *   lost           acknowledged but never delivered: must be 0
 *   duplicated     deliveries beyond the first of a line
 *   inFlight       delivered but not (yet) acknowledged when the agents stopped: the agent would send them again
 *   pending        generated but not acknowledged (still in the agents' buffers)
 */
export interface LineAccount {
  readonly hosts: number;
  readonly generated: number;
  readonly acknowledged: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly inFlight: number;
  readonly pending: number;
  /** Up to five hosts with lost lines and their first lost sequence numbers, to look them up in the logs. */
  readonly lostExamples: ReadonlyArray<{ readonly host: string; readonly sequences: readonly number[] }>;
}

export function accountLines(hosts: readonly SimulatedHost[], sink: LogSink): LineAccount {
  let generated = 0;
  let acknowledged = 0;
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  let inFlight = 0;
  const lostExamples: Array<{ host: string; sequences: number[] }> = [];
  for (const h of hosts) {
    const acked = h.acknowledgedSequence;
    generated += h.lastSequence;
    acknowledged += acked;
    const got = sink.seen.get(h.hostIdentifier) ?? [];
    const distinct = new Set(got);
    delivered += distinct.size;
    duplicated += got.length - distinct.size;
    for (const s of distinct) if (s > acked) inFlight++;
    const missing: number[] = [];
    for (let s = 1; s <= acked; s++) if (!distinct.has(s)) missing.push(s);
    lost += missing.length;
    if (missing.length > 0 && lostExamples.length < 5) lostExamples.push({ host: h.hostIdentifier, sequences: missing.slice(0, 10) });
  }
  return { hosts: hosts.length, generated, acknowledged, delivered, lost, duplicated, inFlight, pending: generated - acknowledged, lostExamples };
}

/** Whether every line each host had made by `marks` (host → sequence) has reached the destination. */
export function deliveredUpTo(hosts: readonly SimulatedHost[], sink: LogSink, marks: ReadonlyMap<string, number>): boolean {
  for (const h of hosts) {
    const upTo = marks.get(h.hostIdentifier) ?? 0;
    if (upTo === 0) continue;
    const got = new Set(sink.seen.get(h.hostIdentifier) ?? []);
    for (let s = 1; s <= upTo; s++) if (!got.has(s)) return false;
  }
  return true;
}
