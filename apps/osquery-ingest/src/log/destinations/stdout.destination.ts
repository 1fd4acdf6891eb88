import { once } from 'node:events';
import type { LogDestination } from './log-destination';

/**
 * JSON lines on standard output, for container platforms that collect stdout. Back-pressure is honoured
 * (a full pipe makes the agent wait) without relying on write callbacks, which some stdout wrappers drop.
 */
export class StdoutDestination implements LogDestination {
  readonly name = 'stdout';

  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    if (!process.stdout.write(`${lines.join('\n')}\n`)) await once(process.stdout, 'drain');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
