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
 * JSON lines appended to a file, one record per line. Writes are serialised so batches never interleave, and
 * batches that arrive while a write is in flight are appended together by the next write (a reconnect storm's
 * thousands of /log requests are a few file writes, not one thread-pool round trip each); each caller's
 * promise settles with the write that carried its batch. With rotation on, a file that would pass `maxBytes`
 * is renamed to `<path>.1` (older ones shift up to `maxBackups`) before the batch is written to a fresh file. A
 * failed write closes the handle so the next batch reopens the file (e.g. after the disk was remounted).
 */
export class FilesystemDestination implements LogDestination {
  private handle: FileHandle | undefined;
  private size = 0;
  /** Batches waiting for the next write, and whether a write is in flight. */
  private pending: Array<{ data: Buffer; done: (err?: Error) => void }> = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly options: FilesystemOptions, readonly name = 'filesystem') {}

  write(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const data = Buffer.from(`${records.map((r) => r.line).join('\n')}\n`);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ data, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.writing ??= this.drain();
    });
  }

  /** Writes what is pending, then what arrived meanwhile, until nothing waits. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      const err = await this.append(Buffer.concat(group.map((g) => g.data))).then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      for (const g of group) g.done(err);
    }
    this.writing = undefined;
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
    await this.writing;
    await this.handle?.close();
    this.handle = undefined;
  }
}
