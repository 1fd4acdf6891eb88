import { readJsonLines } from '@fleet/testing';
import { SEQUENCE_DECORATION } from '@fleet/simulator';
import type { SimulatedHost } from '@fleet/simulator';

/**
 * The result lines of a run counted by the simulator's per-host sequence numbers (the `sim_seq` decoration on
 * every line) against the lines the filesystem destination wrote:
 *   sent          lines the agents made
 *   accepted      lines the server answered "accepted" for (1 … acknowledgedSequence of each host)
 *   written       distinct lines in the result log
 *   lost          accepted and never written: must be 0
 *   duplicated    writes of a line beyond its first (an agent sends a batch again when its answer was lost)
 */
export interface ResultLineCount {
  readonly sent: number;
  readonly accepted: number;
  readonly written: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Up to five hosts with lost lines and their first missing sequence numbers. */
  readonly lostExamples: ReadonlyArray<{ readonly host: string; readonly sequences: readonly number[] }>;
}

/** host identifier → sequence numbers in the order written (repeats included). */
function sequencesInFile(file: string): Map<string, number[]> {
  const byHost = new Map<string, number[]>();
  for (const line of readJsonLines<{ hostIdentifier?: string; decorations?: Record<string, string> }>(file)) {
    const seq = Number(line.decorations?.[SEQUENCE_DECORATION]);
    if (!line.hostIdentifier || !Number.isInteger(seq)) continue;
    const list = byHost.get(line.hostIdentifier) ?? [];
    list.push(seq);
    byHost.set(line.hostIdentifier, list);
  }
  return byHost;
}

export function countResultLines(hosts: readonly SimulatedHost[], file: string): ResultLineCount {
  const byHost = sequencesInFile(file);
  const count = { sent: 0, accepted: 0, written: 0, lost: 0, duplicated: 0 };
  const lostExamples: Array<{ host: string; sequences: number[] }> = [];
  for (const host of hosts) {
    const got = byHost.get(host.hostIdentifier) ?? [];
    const distinct = new Set(got);
    count.sent += host.lastSequence;
    count.accepted += host.acknowledgedSequence;
    count.written += distinct.size;
    count.duplicated += got.length - distinct.size;
    const missing: number[] = [];
    for (let s = 1; s <= host.acknowledgedSequence; s++) if (!distinct.has(s)) missing.push(s);
    count.lost += missing.length;
    if (missing.length > 0 && lostExamples.length < 5) lostExamples.push({ host: host.hostIdentifier, sequences: missing.slice(0, 10) });
  }
  return { ...count, lostExamples };
}
