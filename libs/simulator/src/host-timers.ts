/**
 * Every timer and in-flight task of one simulated host, so stop() can cancel them all and wait for requests that
 * are already on the wire (no open handles left behind in tests).
 */
export class HostTimers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Runs `task` once after `ms`; ignored once stopped. Task errors are reported to `onError`. */
  after(ms: number, task: () => Promise<void>, onError: (err: unknown) => void): void {
    if (this.stopped) return;
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      this.run(task, onError);
    }, Math.max(0, ms));
    this.timers.add(handle);
  }

  /** Starts `task` now, tracked as in flight. */
  run(task: () => Promise<void>, onError: (err: unknown) => void): void {
    if (this.stopped) return;
    const p: Promise<void> = task().catch(onError).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves true after `ms`, or false as soon as the host is stopped (retry back-offs end early on stop). */
  sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const wake = (): void => {
        clearTimeout(handle);
        this.timers.delete(handle);
        this.sleepers.delete(wake);
        resolve(false);
      };
      const handle = setTimeout(() => {
        this.timers.delete(handle);
        this.sleepers.delete(wake);
        resolve(true);
      }, Math.max(0, ms));
      this.timers.add(handle);
      this.sleepers.add(wake);
    });
  }

  /** Cancels every timer and sleeper, then waits for tasks already running (their requests finish or time out). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
