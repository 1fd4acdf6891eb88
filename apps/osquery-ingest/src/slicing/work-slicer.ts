import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work done between two turns of the event loop when a request is processed in slices. */
export const SLICE_MS = 10;

/**
 * Cuts a long synchronous loop into slices: `turn()` gives the event loop back (setImmediate) once `sliceMs`
 * of work was done since the last turn, so one large agent request (a distributed/write with thousands of
 * queries, a log batch of thousands of lines) never keeps health checks and other agents waiting for long.
 * It measures elapsed work with the monotonic performance clock, not the time of day (that is CLOCK's).
 */
export class WorkSlicer {
  private sliceStart: number;

  constructor(private readonly sliceMs = SLICE_MS, private readonly elapsedMs: () => number = () => performance.now()) {
    this.sliceStart = elapsedMs();
  }

  async turn(): Promise<void> {
    if (this.elapsedMs() - this.sliceStart < this.sliceMs) return;
    await nextTurn();
    this.sliceStart = this.elapsedMs();
  }
}
