import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/**
 * A TCP forwarder in front of a real service (MariaDB, Redis) that a test can cut and restore, to see how
 * the product behaves while a dependency is gone and after it returns, without stopping the shared service.
 * It listens on 127.0.0.1 unless told another local address (e.g. the root-namespace end of a veth link, so
 * a server inside a network namespace reaches the service across that link).
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /**
   * Added to every chunk in both directions, order kept: a slow link in user space, for kernels without
   * `tc netem`. Changing it affects chunks read from then on.
   */
  delayMs = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number, private readonly listenHost = '127.0.0.1') {}

  get address(): string {
    return `${this.listenHost}:${this.port}`;
  }

  /** Connections currently open through the proxy (client and upstream sides). */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Starts forwarding; after `cut()`, starts again on the same port. */
  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      this.relay(client, upstream);
      this.relay(upstream, client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.listenHost, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Drops every connection and stops listening: the dependency is unreachable. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Copies `from` to `to`; with a delay, each chunk is released `delayMs` after it arrived, in arrival order. */
  private relay(from: Socket, to: Socket): void {
    const queue: Array<{ at: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const write = (chunk: Buffer): void => {
      if (!to.destroyed && !to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    };
    const pump = (): void => {
      timer = undefined;
      while (queue.length > 0 && (queue[0]?.at ?? 0) <= Date.now()) write((queue.shift() as { chunk: Buffer }).chunk);
      if (queue.length > 0) timer = setTimeout(pump, (queue[0]?.at ?? 0) - Date.now());
      else if (ended && !to.destroyed) to.end();
    };
    from.on('data', (chunk: Buffer) => {
      if (this.delayMs <= 0 && queue.length === 0) return write(chunk);
      queue.push({ at: Date.now() + Math.max(0, this.delayMs), chunk });
      timer ??= setTimeout(pump, (queue[0]?.at ?? 0) - Date.now());
    });
    // A peer that goes away ends the other side too, after what is queued: a killed server's socket is often
    // reset rather than closed (it dies with answers unread), and an upstream left open would keep its MariaDB
    // session, with the open transaction's row locks, for hours, stalling every other replica's writes to those
    // rows (a real kill closes the server's own connection to MariaDB, which rolls the transaction back).
    const finish = (): void => {
      if (ended) return;
      ended = true;
      if (queue.length === 0 && !to.destroyed) to.end();
    };
    from.on('end', finish);
    from.on('close', finish);
  }
}
