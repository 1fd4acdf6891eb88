import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';

/**
 * A private redis-server for tests that stop, flush or restart Redis, which must never happen to the shared
 * one other test files use. Keeps nothing on disk unless `restart({ keepData: true })` asks for a snapshot
 * first, like a Redis with persistence coming back.
 */
export class RedisServerProcess {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'fleet-redis-'));
  port = 0;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The server's process id while it runs (benchmarks measure its CPU). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--dir', this.dir, '--dbfilename', 'dump.rdb'], { stdio: 'ignore' });
    this.child = child;
    const client = new Redis({ host: '127.0.0.1', port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused connections while the server boots are expected; connect() reports them, not an unhandled event.
    client.on('error', () => undefined);
    const deadline = Date.now() + 10_000;
    try {
      for (;;) {
        try {
          await client.connect();
          await client.ping();
          return;
        } catch (err) {
          if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start: ${(err as Error).message}`);
          client.disconnect();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      client.disconnect();
    }
  }

  /** Kills the server at once (no snapshot): what a crash or an OOM kill does. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /**
   * Kills and starts again on the same port. Without `keepData` it comes back empty (no persistence, a
   * failover to an empty replica); with it, the data is snapshotted first and loaded on start.
   */
  async restart(options: { keepData?: boolean } = {}): Promise<void> {
    rmSync(join(this.dir, 'dump.rdb'), { force: true });
    if (options.keepData) {
      const client = new Redis({ host: '127.0.0.1', port: this.port, maxRetriesPerRequest: 0 });
      try {
        await client.save();
      } finally {
        client.disconnect();
      }
    }
    await this.kill();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
