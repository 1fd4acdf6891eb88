/** Counting semaphore bounding in-flight requests so thousands of hosts share a fixed number of sockets. */
export class Semaphore {
  private active = 0;
  /** Waiters in arrival order from `head` on: a release is O(1) however many hosts wait (a storm queues thousands). */
  private waiting: Array<() => void> = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head];
      this.head += 1;
      if (this.head >= 1024 && this.head * 2 >= this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      next();
    } else this.active--;
  }
}
