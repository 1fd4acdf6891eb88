import type { LogDestination } from './log-destination';

/** JSON lines on standard output, for container platforms that collect stdout. */
export class StdoutDestination implements LogDestination {
  readonly name = 'stdout';

  write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      process.stdout.write(`${lines.join('\n')}\n`, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
