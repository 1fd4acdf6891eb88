import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { connect, credsAuthenticator, headers, nkeyAuthenticator } from 'nats';
import type { ConnectionOptions, JetStreamClient, NatsConnection } from 'nats';
import type { LogRecord } from '@fleet/contracts';
import type { LogDestination } from './log-destination';
import { fillTemplate } from './subject-template';

const gzipAsync = promisify(gzip);

/** Fleet's `nats_*` options, as both `nats.*` (Fleet's plugin) and a named destination's `nats:` give them. */
export interface NatsOptions {
  readonly server: string;
  /** Subject template per record type; a type without one is refused (configuration validation prevents it). */
  readonly subjects: Readonly<Partial<Record<LogRecord['type'], string>>>;
  readonly jetstream: boolean;
  readonly timeoutMs: number;
  readonly credFile?: string;
  readonly nkeyFile?: string;
  readonly tlsClientCrtFile?: string;
  readonly tlsClientKeyFile?: string;
  readonly caCrtFile?: string;
  readonly compression?: 'gzip';
}

/**
 * Publishes each record as one NATS message on its type's subject (templates filled from the line). With
 * JetStream every publish waits for the stream's acknowledgement and carries the record's id as
 * `Nats-Msg-Id`, so a line published again within the stream's duplicate window (a retried batch) is stored
 * once; without JetStream the batch is followed by a flush (the server has read it; NATS core keeps nothing).
 * The connection is opened on first use, reconnects by itself, and is opened again after it closed.
 */
export class NatsDestination implements LogDestination {
  private connection: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined;

  constructor(private readonly options: NatsOptions, readonly name = 'nats') {}

  async write(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { nc, js } = await this.connected();
    const o = this.options;
    const messages = await Promise.all(records.map(async (r) => {
      const template = o.subjects[r.type];
      if (!template) throw new Error(`no NATS subject for ${r.type} logs`);
      const h = headers();
      h.set('Fleet-Log-Type', r.type);
      let data: Uint8Array = Buffer.from(r.line);
      if (o.compression === 'gzip') {
        data = await gzipAsync(data);
        h.set('Content-Encoding', 'gzip');
      }
      return { subject: fillTemplate(template, r), data, h, id: r.id };
    }));
    if (o.jetstream) {
      await Promise.all(messages.map((m) => js.publish(m.subject, m.data, { msgID: m.id, headers: m.h, timeout: o.timeoutMs })));
      return;
    }
    for (const m of messages) nc.publish(m.subject, m.data, { headers: m.h });
    await nc.flush();
  }

  async close(): Promise<void> {
    const c = this.connection;
    this.connection = undefined;
    if (!c) return;
    const { nc } = await c.catch(() => ({ nc: null }));
    await nc?.drain().catch(() => undefined);
  }

  private connected(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    this.connection ??= this.open().catch((err: unknown) => {
      this.connection = undefined;
      throw err;
    });
    return this.connection;
  }

  private async open(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    const o = this.options;
    const opts: ConnectionOptions = {
      servers: o.server.split(',').map((s) => s.trim()).filter(Boolean),
      name: 'fleet-log-destination',
      timeout: o.timeoutMs,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
    };
    if (o.credFile) opts.authenticator = credsAuthenticator(await readFile(o.credFile));
    if (o.nkeyFile) opts.authenticator = nkeyAuthenticator(new Uint8Array(Buffer.from((await readFile(o.nkeyFile, 'utf8')).trim())));
    if (o.tlsClientCrtFile || o.caCrtFile) opts.tls = { certFile: o.tlsClientCrtFile, keyFile: o.tlsClientKeyFile, caFile: o.caCrtFile };
    const nc = await connect(opts);
    void nc.closed().then(() => {
      if (this.connection) this.connection = undefined;
    });
    return { nc, js: nc.jetstream({ timeout: o.timeoutMs }) };
  }
}
