import { Session } from 'node:inspector/promises';

/** The longest CPU profile served: the HTTP server cuts requests at 40 s, and Fleet's default is 30 s. */
export const MAX_PROFILE_SECONDS = 30;

/**
 * CPU profiles and heap snapshots of this process through the V8 inspector (no --inspect port is opened).
 * One operation at a time: V8 runs a single profiler, and two heap snapshots at once would double the pause.
 * A heap snapshot stops the event loop while V8 walks the heap (seconds on a large heap); callers are admins
 * who asked for exactly that.
 */
export class InspectorProfiler {
  private busy = false;

  get running(): boolean {
    return this.busy;
  }

  /** A `.cpuprofile` document (Chrome DevTools' format: nodes, startTime, endTime, samples, timeDeltas). */
  async cpuProfile(seconds: number, sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): Promise<string> {
    return this.exclusive(async (session) => {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      await sleep(seconds * 1000);
      const { profile } = await session.post('Profiler.stop');
      await session.post('Profiler.disable');
      return JSON.stringify(profile);
    });
  }

  /** A `.heapsnapshot` document (snapshot, nodes, edges, strings, ...), assembled from the inspector's chunks. */
  async heapSnapshot(): Promise<string> {
    return this.exclusive(async (session) => {
      const chunks: string[] = [];
      session.on('HeapProfiler.addHeapSnapshotChunk', (m: { params: { chunk: string } }) => chunks.push(m.params.chunk));
      await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return chunks.join('');
    });
  }

  private async exclusive(fn: (session: Session) => Promise<string>): Promise<string> {
    if (this.busy) throw new ProfilerBusyError();
    this.busy = true;
    const session = new Session();
    session.connect();
    try {
      return await fn(session);
    } finally {
      session.disconnect();
      this.busy = false;
    }
  }
}

export class ProfilerBusyError extends Error {
  constructor() {
    super('a profile or heap snapshot is already being taken; try again when it has finished');
  }
}
