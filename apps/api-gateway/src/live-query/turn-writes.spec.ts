import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { turnWrites } from './turn-writes';

/** A sink that records how the stream hands it data: one entry per _write or _writev call, with its chunks. */
function recordingSink(): { sink: Writable; calls: string[][] } {
  const calls: string[][] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) { calls.push([chunk.toString()]); cb(); },
    writev(chunks, cb) { calls.push(chunks.map((c) => (c.chunk as Buffer).toString())); cb(); },
  });
  return { sink, calls };
}

describe('turnWrites', () => {
  it('hands the writes of one turn to the sink in one call, in order, when the turn ends', async () => {
    const { sink, calls } = recordingSink();
    const batch = turnWrites(sink);
    for (let i = 0; i < 100; i += 1) {
      batch();
      sink.write(`m${i}`);
    }
    expect(calls).toEqual([]);
    await nextTurn();
    expect(calls).toEqual([Array.from({ length: 100 }, (_, i) => `m${i}`)]);

    // The next turn is held again, on its own.
    batch();
    sink.write('next');
    await nextTurn();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(['next']);
  });

  it('without it, the same writes reach the sink one call each', () => {
    const { sink, calls } = recordingSink();
    for (let i = 0; i < 100; i += 1) sink.write(`m${i}`);
    expect(calls).toHaveLength(100);
  });
});
