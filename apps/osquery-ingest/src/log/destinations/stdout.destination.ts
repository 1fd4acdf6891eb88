import { once } from 'node:events';
import type { LogRecord } from '@fleet/contracts';
import type { LogDestination } from './log-destination';

/**
 * JSON lines on standard output, for container platforms that collect stdout. Back-pressure is honoured
 * (a full pipe makes the caller wait) without relying on write callbacks, which some stdout wrappers drop.
 */
export class StdoutDestination implements LogDestination {
  constructor(readonly name = 'stdout') {}

  async write(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    if (!process.stdout.write(`${records.map((r) => r.line).join('\n')}\n`)) await once(process.stdout, 'drain');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
