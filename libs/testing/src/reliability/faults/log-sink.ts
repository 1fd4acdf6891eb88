import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEQUENCE_DECORATION } from '@fleet/simulator';

/**
 * The webhook log destination of a fault run: records, per host, the sequence number of every result line it
 * receives (duplicates included), and answers 503 to everything while `down` (a destination outage).
 */
export class LogSink {
  private server: Server | undefined;
  /** host identifier → sequence numbers in arrival order. */
  readonly seen = new Map<string, number[]>();
  down = false;
  batches = 0;
  refused = 0;
  lines = 0;
  url = '';

  /** Listens on `host` (an address the server can reach: 127.0.0.1, or a veth address for a server in a namespace). */
  async start(host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.down) {
          this.refused++;
          res.writeHead(503).end();
          return;
        }
        this.batches++;
        try {
          for (const line of JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<{ hostIdentifier?: string; decorations?: Record<string, string> }>) {
            const seq = Number(line.decorations?.[SEQUENCE_DECORATION]);
            if (!line.hostIdentifier || !Number.isInteger(seq)) continue;
            this.lines++;
            let list = this.seen.get(line.hostIdentifier);
            if (!list) this.seen.set(line.hostIdentifier, (list = []));
            list.push(seq);
          }
          res.writeHead(200).end();
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server?.listen(0, host, r));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
