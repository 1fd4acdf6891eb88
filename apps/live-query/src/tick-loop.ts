/**
 * Calls `tick` every `everyMs` after the previous call finished (never two at once). `stop` waits for the
 * call in progress, so a shutdown does not cut a tick short.
 */
export class TickLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly everyMs: number, private readonly tick: () => Promise<void>) {}

  start(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => this.start());
    }, this.everyMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }
}
