import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from '@fleet/testing';

const NATS_SERVER = '/usr/sbin/nats-server';

const accepts = (port: number): Promise<boolean> => new Promise((resolve) => {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

/**
 * A NATS server with JetStream of the test's own (Debian's nats-server binary), on a free port with its
 * store in a temporary folder, so a test can stop and start it without touching the shared one on 4222.
 * A restart keeps the port and the store: streams and their messages survive, as a real broker's would.
 */
export class NatsServerProcess {
  private child: ChildProcess | undefined;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'fleet-nats-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(await freePort());
    await server.resume();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    if (this.child) return;
    this.child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: 'ignore' });
    await eventually('nats-server accepts connections', () => accepts(this.port), (ok) => ok, 10_000, 50);
  }

  /** Stops the server (SIGTERM, as a broker restart or crash would look to clients) and waits until its port refuses. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    await eventually('nats-server port closed', () => accepts(this.port), (ok) => !ok, 10_000, 50);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
