import type { ServerResponse } from 'node:http';
import type { FleetMessage } from './campaign-message.mapper';
import type { ResultsClient } from './campaign-stream.service';
import { realSchedule } from './client-buffer';
import { turnWrites } from './turn-writes';
import type { Schedule } from './client-buffer';

const HEARTBEAT_MS = 15_000;

/**
 * One Server-Sent Events response of a campaign's results, as a ResultsClient: each message as `event: <type>`,
 * `data: {"type","data"}` and `id: <stream id>`, a comment every 15 s so proxies keep it open, and the response's
 * `writableLength` (bytes not yet handed to the kernel) as its buffer, which 'drain' reports emptied. A client
 * dropped for slowness gets a final `error` event and the response ends; if its socket cannot take even that
 * within `graceMs`, the socket is destroyed so its queued bytes are freed.
 */
export class SseResultsResponse implements ResultsClient {
  readonly transport = 'sse' as const;
  private readonly aborter = new AbortController();
  private heartbeat: NodeJS.Timeout | undefined;
  private dropped = false;
  private readonly batch: () => void;

  constructor(private readonly raw: ServerResponse, readonly ip: string, private readonly graceMs: number, private readonly schedule: Schedule = realSchedule) {
    raw.on('close', () => this.aborter.abort());
    this.batch = turnWrites(raw);
  }

  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  open(): void {
    this.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    this.raw.write('retry: 1000\n\n');
    this.heartbeat = setInterval(() => this.raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  }

  buffered(): number {
    return this.raw.writableLength;
  }

  onFlushed(listener: () => void): () => void {
    this.raw.on('drain', listener);
    this.raw.on('close', listener);
    return () => {
      this.raw.off('drain', listener);
      this.raw.off('close', listener);
    };
  }

  send(streamId: string, msg: FleetMessage): void {
    this.batch();
    this.raw.write(`id: ${streamId}\nevent: ${msg.type}\ndata: ${JSON.stringify(msg)}\n\n`);
  }

  /** An `error` event without an id: a reconnecting client resumes after the last entry it got. */
  error(text: string): void {
    this.raw.write(`event: error\ndata: ${JSON.stringify({ type: 'error', data: text })}\n\n`);
  }

  dropSlow(reason: string): void {
    this.dropped = true;
    this.error(reason);
    this.aborter.abort();
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (this.raw.writableEnded) return;
    this.raw.end();
    if (this.dropped && !this.raw.writableFinished) {
      const cancel = this.schedule(() => this.raw.destroy(), this.graceMs);
      this.raw.once('close', cancel);
    }
  }
}
