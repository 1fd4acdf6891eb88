import { EventEmitter } from 'node:events';
import { exitQuietlyOnClosedPipe } from './pipe.guard';

describe('exitQuietlyOnClosedPipe', () => {
  const failure = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

  it('ends with status 0 when the reader has gone (EPIPE), and 1 on any other write failure', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyOnClosedPipe(stream, (c) => exits.push(c));
    stream.emit('error', failure('EPIPE'));
    stream.emit('error', failure('EIO'));
    expect(exits).toEqual([0, 1]);
  });

  it('handles the error event, so Node does not raise it as an unhandled error', () => {
    const stream = new EventEmitter();
    expect(() => stream.emit('error', failure('EPIPE'))).toThrow('EPIPE');
    exitQuietlyOnClosedPipe(stream, () => undefined);
    expect(() => stream.emit('error', failure('EPIPE'))).not.toThrow();
  });
});
