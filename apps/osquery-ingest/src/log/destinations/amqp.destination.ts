import { connect } from 'amqplib';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { LogRecord } from '@fleet/contracts';
import type { LogDestination } from './log-destination';
import { fillTemplate } from './subject-template';

export interface AmqpOptions {
  readonly url: string;
  readonly exchange: string;
  readonly exchangeType: 'direct' | 'topic' | 'fanout' | 'headers';
  readonly queue?: string;
  readonly routingKey: string;
  readonly timeoutMs: number;
}

interface Open {
  readonly model: ChannelModel;
  readonly channel: ConfirmChannel;
}

/**
 * Publishes each record as one persistent AMQP message (RabbitMQ) on a confirm channel and resolves only
 * when the broker confirmed every message of the batch; a nack, a closed channel or a timeout rejects, and the
 * batch is published again. The record's id is the message-id, so consumers can drop the repeats that
 * at-least-once delivery allows. The exchange (and the queue, when one is named) is declared durable on
 * connect. A connection or channel that fails is dropped and opened again by the next batch.
 */
export class AmqpDestination implements LogDestination {
  private open: Promise<Open> | undefined;
  /** The connection `open` resolved to, so a late close event of an older one forgets nothing newer. */
  private latest: ChannelModel | undefined;

  constructor(private readonly options: AmqpOptions, readonly name = 'amqp') {}

  async write(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { channel } = await this.connected();
    const o = this.options;
    const confirms = records.map((r) => new Promise<void>((resolve, reject) => {
      channel.publish(o.exchange, fillTemplate(o.routingKey, r), Buffer.from(r.line), {
        persistent: true, messageId: r.id, type: r.type, contentType: 'application/json',
      }, (err) => (err ? reject(err instanceof Error ? err : new Error('message nacked by the broker')) : resolve()));
    }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no publisher confirm within ${o.timeoutMs} ms`)), o.timeoutMs);
    });
    try {
      await Promise.race([Promise.all(confirms), timeout]);
    } catch (err) {
      await this.drop();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const o = this.open;
    this.open = undefined;
    const opened = await o?.catch(() => undefined);
    await opened?.model.close().catch(() => undefined);
  }

  private async drop(): Promise<void> {
    await this.close();
  }

  private connected(): Promise<Open> {
    this.open ??= this.connect().catch((err: unknown) => {
      this.open = undefined;
      throw err;
    });
    return this.open;
  }

  private async connect(): Promise<Open> {
    const o = this.options;
    const model = await connect(o.url, { timeout: o.timeoutMs });
    this.latest = model;
    const forget = (): void => {
      if (this.latest === model) this.open = undefined;
    };
    // Without listeners an 'error' event would be thrown; a failed connection is simply opened again later.
    model.on('error', forget);
    model.on('close', forget);
    try {
      const channel = await model.createConfirmChannel();
      channel.on('error', forget);
      channel.on('close', forget);
      if (o.exchange) await channel.assertExchange(o.exchange, o.exchangeType, { durable: true });
      if (o.queue) {
        await channel.assertQueue(o.queue, { durable: true });
        if (o.exchange) await channel.bindQueue(o.queue, o.exchange, o.exchangeType === 'topic' ? '#' : o.exchangeType === 'direct' ? o.routingKey : '');
      }
      return { model, channel };
    } catch (err) {
      await model.close().catch(() => undefined);
      throw err;
    }
  }
}
