/** The part of a stream the guard needs (process.stdout and process.stderr in the program, a fake in tests). */
export interface GuardedStream {
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

/**
 * A reader that went away (`fleetctl query … | head -1`) ends fleetctl at once with status 0 and no message, as
 * a Unix filter behaves; without a listener Node turns the EPIPE into an unhandled 'error' event and prints a
 * stack trace. Any other write failure of the stream ends the program with status 1.
 */
export function exitQuietlyOnClosedPipe(stream: GuardedStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (e) => exit(e.code === 'EPIPE' ? 0 : 1));
}
