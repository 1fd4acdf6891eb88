import { randomBytes } from 'node:crypto';
import { createServer, connect as tcpConnect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { connect } from 'amqplib';
import type { ChannelModel } from 'amqplib';
import { eventually } from '@fleet/testing';
import { startIngestKit } from '../../testing/ingest-test-kit';
import type { IngestKit } from '../../testing/ingest-test-kit';

/**
 * The amqp destination on the RabbitMQ of this machine (127.0.0.1:5672, guest/guest), reached through a TCP
 * proxy the test owns so it can kill the destination's connection mid-stream without touching anyone else's.
 * Every line carries a sequence number; the test consumes the queue and counts by sequence: nothing lost, and
 * whatever was published twice (a batch whose confirms died with the connection) carries the same message-id.
 */
const LINES_PER_BATCH = 20;
const BATCHES = 60;

class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = tcpConnect(5672, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.port = (this.server?.address() as { port: number }).port;
  }

  /** Kills every connection through the proxy, as a broker restart or a network cut would. */
  cut(): number {
    const n = this.sockets.size;
    for (const s of this.sockets) s.destroy();
    return n;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describe('amqp destination on the real RabbitMQ, with publisher confirms', () => {
  const suffix = randomBytes(4).toString('hex');
  const exchange = `fleet-test-${suffix}`;
  const queue = `fleet-test-logs-${suffix}`;
  const proxy = new CuttableProxy();
  let kit: IngestKit;
  let broker: ChannelModel;
  /** sequence → message-ids it arrived with. */
  const received = new Map<string, string[]>();

  beforeAll(async () => {
    await proxy.start();
    broker = await connect('amqp://guest:guest@127.0.0.1:5672');
    const destinations = [{
      name: 'rabbit', kind: 'amqp', batch_size: 10,
      amqp: { url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, exchange, exchange_type: 'topic', queue, routing_key: 'osquery.{log_type}.{log.hostIdentifier}', timeout: '3s' },
    }];
    kit = await startIngestKit('amqp_logs', {
      osquery_result_log_plugin: 'none', osquery_status_log_plugin: 'none',
      log_routing_destinations: JSON.stringify(destinations), log_routing_retry_interval: '100ms',
    });
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
    const ch = await broker.createChannel();
    await ch.deleteQueue(queue).catch(() => undefined);
    await ch.deleteExchange(exchange).catch(() => undefined);
    await broker.close();
    await proxy.close();
  });

  it('delivers every line although its connection is killed mid-stream: counted by sequence, repeats carry one message-id', async () => {
    const nodeKey = await kit.enroll('amqp-host');
    let cuts = 0;
    for (let b = 0; b < BATCHES; b += 1) {
      const data = Array.from({ length: LINES_PER_BATCH }, (_, i) => ({
        name: 'pack/Global/procs', hostIdentifier: 'amqp-host', unixTime: 1_700_000_000 + b, action: 'added', columns: { seq: String(b * LINES_PER_BATCH + i) },
      }));
      expect(await kit.post('/api/osquery/log', { node_key: nodeKey, log_type: 'result', data })).toEqual({ status: 200, json: {} });
      if (b % 15 === 7) cuts += proxy.cut() > 0 ? 1 : 0;
    }
    expect(cuts).toBeGreaterThan(0);

    // The destination declares the queue when it first connects, before its first publish, so once the queue exists
    // it holds everything published since (the lines posted above wait in the destination's buffer until then).
    // A check of a missing queue closes its channel, hence a channel per check.
    const declared = async (): Promise<boolean> => {
      const probe = await broker.createChannel();
      probe.on('error', () => undefined);
      try {
        await probe.checkQueue(queue);
        await probe.close();
        return true;
      } catch {
        return false;
      }
    };
    await eventually('the destination to declare its queue', declared, Boolean, 60_000, 200);
    const ch = await broker.createChannel();
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      const seq = String((JSON.parse(msg.content.toString()) as { columns: { seq: string } }).columns.seq);
      received.set(seq, [...(received.get(seq) ?? []), String(msg.properties.messageId)]);
      expect(msg.fields.routingKey).toBe('osquery.result.amqp-host');
      ch.ack(msg);
    });
    const total = BATCHES * LINES_PER_BATCH;
    await eventually('every sequence number in the queue', () => received.size, (n) => n === total, 60_000, 100);
    expect([...received.keys()].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    for (const ids of received.values()) expect(new Set(ids).size).toBe(1);
    // The broker's confirms reach the delivery loop after the consumer saw the messages: the lag falls to 0 then.
    const lag = async (): Promise<string> => /fleet_log_destination_lag\{[^}]*destination="rabbit"[^}]*\} (\d+)/.exec(await (await fetch(`${kit.app.url}/metrics`)).text())?.[1] ?? 'absent';
    await eventually('the rabbit destination lag to reach 0', lag, (v) => v === '0', 30_000, 100);
  }, 120_000);
});
