import { waitForRoom } from './client-buffer';
import type { ClientSink, Schedule } from './client-buffer';

/** A socket whose queued bytes the test sets, with the flush notices a real one sends after writes. */
class FakeSink implements ClientSink {
  queued = 0;
  private readonly listeners = new Set<() => void>();
  buffered(): number { return this.queued; }
  onFlushed(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
  flush(to: number): void {
    this.queued = to;
    for (const l of [...this.listeners]) l();
  }
  get listening(): number { return this.listeners.size; }
}

/** Timers the test fires by hand. */
function manualTimers(): { schedule: Schedule; fire: () => void; pending: () => number; lastMs: () => number } {
  const timers = new Set<() => void>();
  let lastMs = -1;
  return {
    schedule: (fn, ms) => { lastMs = ms; timers.add(fn); return () => { timers.delete(fn); }; },
    fire: () => { for (const fn of [...timers]) { timers.delete(fn); fn(); } },
    pending: () => timers.size,
    lastMs: () => lastMs,
  };
}

const bounds = { highWaterMark: 1000, slowClientTimeoutMs: 60_000 };

describe('waitForRoom', () => {
  it('lets a client at or under the high-water mark have more at once, without a timer', async () => {
    const sink = new FakeSink();
    const t = manualTimers();
    sink.queued = 1000;
    await expect(waitForRoom(sink, bounds, new AbortController().signal, t.schedule)).resolves.toBe('room');
    expect(t.pending()).toBe(0);
    expect(sink.listening).toBe(0);
  });

  it('holds a client above the mark until a flush brings it down to the mark', async () => {
    const sink = new FakeSink();
    const t = manualTimers();
    sink.queued = 5000;
    let outcome: string | undefined;
    const wait = waitForRoom(sink, bounds, new AbortController().signal, t.schedule).then((o) => { outcome = o; });
    expect(t.lastMs()).toBe(60_000);
    sink.flush(1001);
    await Promise.resolve();
    expect(outcome).toBeUndefined();
    sink.flush(200);
    await wait;
    expect(outcome).toBe('room');
    expect(t.pending()).toBe(0);
    expect(sink.listening).toBe(0);
  });

  it('gives up with "slow" when the client stays above the mark for the timeout', async () => {
    const sink = new FakeSink();
    const t = manualTimers();
    sink.queued = 5000;
    const wait = waitForRoom(sink, bounds, new AbortController().signal, t.schedule);
    sink.flush(4000);
    t.fire();
    await expect(wait).resolves.toBe('slow');
    expect(sink.listening).toBe(0);
    sink.flush(0);
  });

  it('ends with "closed" when the client goes away, waiting or not', async () => {
    const sink = new FakeSink();
    const t = manualTimers();
    sink.queued = 5000;
    const aborter = new AbortController();
    const wait = waitForRoom(sink, bounds, aborter.signal, t.schedule);
    aborter.abort();
    await expect(wait).resolves.toBe('closed');
    expect(t.pending()).toBe(0);
    expect(sink.listening).toBe(0);
    await expect(waitForRoom(sink, bounds, aborter.signal, t.schedule)).resolves.toBe('closed');
  });
});
