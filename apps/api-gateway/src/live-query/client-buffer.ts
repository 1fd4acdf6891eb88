import type { FleetConfig } from '@fleet/config';

/**
 * How much one result-stream client (websocket or SSE) may have queued and unsent, and for how long.
 * Above `highWaterMark` the client is sent nothing more, and its campaign stream is not read for it, until its
 * socket drains; a client still above it `slowClientTimeoutMs` after it got there is dropped. What a client can
 * cost is therefore bounded by the mark plus one message, plus one read batch of the stream (also bounded by
 * the mark, see CampaignStreamService).
 */
export interface ClientBufferBounds {
  readonly highWaterMark: number;
  readonly slowClientTimeoutMs: number;
}

export const clientBufferBounds = (config: FleetConfig): ClientBufferBounds => ({
  highWaterMark: config.server.websocket_client_buffer,
  slowClientTimeoutMs: config.server.websocket_slow_client_timeout,
});

/** One client's socket as the gate sees it. */
export interface ClientSink {
  /** Bytes accepted for the client and not yet handed to the operating system. */
  buffered(): number;
  /** Runs `listener` whenever queued bytes were written out or the sink closed; returns its removal. */
  onFlushed(listener: () => void): () => void;
}

/** Starts a timer; returns its cancellation. Injected so unit tests decide when time is up. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/** `room`: send more; `slow`: the client stayed above the mark too long (drop it); `closed`: the client went away. */
export type RoomOutcome = 'room' | 'slow' | 'closed';

/**
 * Resolves once the sink holds no more than the high-water mark: at once when it already does, else after
 * enough of its queue was written out. Gives up with `slow` after the timeout and with `closed` on `signal`.
 */
export function waitForRoom(sink: ClientSink, bounds: ClientBufferBounds, signal: AbortSignal, schedule: Schedule = realSchedule): Promise<RoomOutcome> {
  if (signal.aborted) return Promise.resolve('closed');
  if (sink.buffered() <= bounds.highWaterMark) return Promise.resolve('room');
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: RoomOutcome): void => {
      if (settled) return;
      settled = true;
      stopListening();
      cancelTimer();
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => settle('closed');
    const stopListening = sink.onFlushed(() => {
      if (signal.aborted) settle('closed');
      else if (sink.buffered() <= bounds.highWaterMark) settle('room');
    });
    const cancelTimer = schedule(() => settle('slow'), bounds.slowClientTimeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
