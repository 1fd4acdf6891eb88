import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { SseResultsResponse } from './sse-results.response';
import type { Schedule } from './client-buffer';

/** The part of a ServerResponse the SSE client uses, recording what was written. */
class FakeResponse extends EventEmitter {
  readonly written: string[] = [];
  writableLength = 0;
  writableEnded = false;
  writableFinished = false;
  destroyed = false;
  writeHead(): this { return this; }
  cork(): void { /* writes are recorded as they are made */ }
  uncork(): void { /* idem */ }
  write(chunk: string): boolean { this.written.push(chunk); return true; }
  end(): this { this.writableEnded = true; return this; }
  destroy(): this { this.destroyed = true; this.emit('close'); return this; }
}

function manualSchedule(): { schedule: Schedule; fire: () => void; pending: () => number } {
  const timers = new Set<() => void>();
  return {
    schedule: (fn) => { timers.add(fn); return () => { timers.delete(fn); }; },
    fire: () => { for (const fn of [...timers]) { timers.delete(fn); fn(); } },
    pending: () => timers.size,
  };
}

describe('SseResultsResponse', () => {
  const open = (res: FakeResponse, t = manualSchedule()) => {
    const sse = new SseResultsResponse(res as unknown as ServerResponse, '10.0.0.1', 60_000, t.schedule);
    sse.open();
    return sse;
  };

  it('writes each message as an event with its stream id, and reports the response\'s unsent bytes', () => {
    const res = new FakeResponse();
    const sse = open(res);
    sse.send('5-0', { type: 'totals', data: { count: 1 } });
    expect(res.written.slice(1)).toEqual(['id: 5-0\nevent: totals\ndata: {"type":"totals","data":{"count":1}}\n\n']);
    res.writableLength = 1234;
    expect(sse.buffered()).toBe(1234);
    sse.end();
    expect(res.writableEnded).toBe(true);
  });

  it('tells flush listeners about drain and close, until they are removed', () => {
    const res = new FakeResponse();
    const sse = open(res);
    let calls = 0;
    const off = sse.onFlushed(() => { calls++; });
    res.emit('drain');
    off();
    res.emit('drain');
    expect(calls).toBe(1);
    sse.end();
  });

  it('a slow client gets a final error event, is aborted, and is destroyed if it cannot flush within the grace time', () => {
    const res = new FakeResponse();
    const t = manualSchedule();
    const sse = open(res, t);
    sse.dropSlow('client too slow');
    expect(sse.signal.aborted).toBe(true);
    expect(res.written[res.written.length - 1]).toBe('event: error\ndata: {"type":"error","data":"client too slow"}\n\n');
    sse.end();
    expect(res.writableEnded).toBe(true);
    expect(t.pending()).toBe(1);
    t.fire();
    expect(res.destroyed).toBe(true);
  });

  it('a dropped client that flushes its last bytes in time is not destroyed', () => {
    const res = new FakeResponse();
    const t = manualSchedule();
    const sse = open(res, t);
    sse.dropSlow('client too slow');
    sse.end();
    res.writableFinished = true;
    res.emit('close');
    expect(t.pending()).toBe(0);
    expect(res.destroyed).toBe(false);
  });
});
