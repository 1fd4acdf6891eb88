import { mkdirSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LogRecord } from '@fleet/contracts';
import type { LogDestination } from './log-destination';

export interface FilesystemOptions {
  readonly path: string;
  readonly rotate: boolean;
  readonly maxBytes: number;
  readonly maxBackups: number;
}

/**
 * JSON lines appended to a file, one record per line. Writes are serialised so batches never interleave.
 * With rotation on, a file that would pass `maxBytes` is renamed to `<path>.1` (older ones shift up to
 * `maxBackups`) before the batch is written to a fresh file. A failed write closes the handle so the next
 * batch reopens the file (e.g. after the disk was remounted).
 */
export class FilesystemDestination implements LogDestination {
  private handle: FileHandle | undefined;
  private size = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: FilesystemOptions, readonly name = 'filesystem') {}

  write(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const data = Buffer.from(`${records.map((r) => r.line).join('\n')}\n`);
    const next = this.chain.then(() => this.append(data));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async append(data: Buffer): Promise<void> {
    try {
      if (this.options.rotate && this.handle && this.size + data.length > this.options.maxBytes) await this.rotate();
      const handle = await this.ensureOpen();
      await handle.write(data);
      this.size += data.length;
    } catch (err) {
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      throw err;
    }
  }

  private async ensureOpen(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    mkdirSync(dirname(this.options.path), { recursive: true });
    this.handle = await open(this.options.path, 'a', 0o640);
    this.size = (await stat(this.options.path)).size;
    return this.handle;
  }

  private async rotate(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    const { path, maxBackups } = this.options;
    if (maxBackups <= 0) {
      await unlink(path).catch(() => undefined);
      return;
    }
    await unlink(`${path}.${maxBackups}`).catch(() => undefined);
    for (let i = maxBackups - 1; i >= 1; i -= 1) await rename(`${path}.${i}`, `${path}.${i + 1}`).catch(() => undefined);
    await rename(path, `${path}.1`);
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle?.close();
    this.handle = undefined;
  }
}
