import { buildConnector, Client } from 'undici';

export interface SocketRotationOptions {
  readonly origin: string;
  /** At most this many sockets; the caller keeps at most this many requests in flight (AgentHttpClient's gate). */
  readonly connections: number;
  readonly timeoutMs: number;
  readonly connect: buildConnector.BuildOptions;
  readonly onConnect?: () => void;
  readonly onDisconnect?: () => void;
}

/**
 * The simulator's keep-alive sockets, each request on the one idle longest. An undici Pool hands a request to the
 * first idle socket of its list, so under a steady load the first few carry everything, the rest idle past the
 * server's keep-alive (72 s) and are closed, and the next burst opens them again, a TLS handshake each: measured,
 * hundreds of reconnects a minute in a 15,000-host run, with the simulator's loop stalling up to half a second while
 * they were made. Taking sockets in turn keeps every opened socket busy enough to stay open, as each real agent's
 * own connection is. Sockets are opened only when none is idle, and share one TLS session cache.
 */
export class SocketRotation {
  private readonly idle: Client[] = [];
  private readonly all: Client[] = [];
  private readonly connector: buildConnector.connector;

  constructor(private readonly options: SocketRotationOptions) {
    this.connector = buildConnector({ ...options.connect, timeout: options.timeoutMs });
  }

  /** An idle socket, or a new one while fewer than `connections` exist; give it back with `release`. */
  take(): Client {
    const client = this.idle.shift();
    if (client) return client;
    if (this.all.length >= this.options.connections) throw new Error(`more than ${this.options.connections} requests in flight`);
    const created = new Client(this.options.origin, {
      connect: this.connector,
      keepAliveTimeout: 60_000,
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      pipelining: 1,
    });
    if (this.options.onConnect) created.on('connect', this.options.onConnect);
    if (this.options.onDisconnect) created.on('disconnect', this.options.onDisconnect);
    this.all.push(created);
    return created;
  }

  release(client: Client): void {
    this.idle.push(client);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((c) => c.close()));
  }
}
