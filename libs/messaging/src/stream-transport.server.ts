import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Server } from '@nestjs/microservices';
import type { CustomTransportStrategy, MessageHandler, MsPattern } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { StreamContract } from '@fleet/contracts';
import { inConsumerSpan } from '@fleet/observability';
import type { Logger } from '@fleet/observability';
import { closeRedis } from './redis.factory';
import type { RedisClient } from './redis.factory';
import { decodeStreamBatch } from './stream-batch.decoder';
import type { StreamConsumerMetrics } from './stream-consumer.metrics';
import { StreamContext } from './stream-transport.context';
import { StreamWorker } from './stream-worker';
import type { StreamEntry } from './stream-worker';

export interface StreamTransportOptions {
  /** Opens a dedicated blocking connection (createRedis with `blocking`); one per stream, closed on close(). */
  readonly connect: () => RedisClient;
  /** This replica's consumer name in every group; unique per process by default. */
  readonly consumer?: string;
  readonly batchSize: number;
  /** Longest XREADGROUP BLOCK; bounds how long close() waits for an idle consumer. */
  readonly blockMs: number;
  /** Entries pending this long with another consumer (a dead replica) are claimed and processed here. */
  readonly claimIdleMs: number;
  /** Back-off after a failed batch (MySQL down): the batch stays pending and is retried. */
  readonly retryDelayMs: number;
  readonly logger: Logger;
  /** Per-stream metrics and health (fleet_stream_*); each consumed stream is tracked while it runs. */
  readonly metrics?: StreamConsumerMetrics;
}

export const STREAM_TRANSPORT = Symbol('REDIS_STREAMS');

const isStreamContract = (p: unknown): p is StreamContract =>
  typeof p === 'object' && p !== null && typeof (p as StreamContract).key === 'string' && typeof (p as StreamContract).group === 'string'
  && typeof (p as StreamContract).payload?.safeParse === 'function';

interface Consumer {
  readonly worker: StreamWorker;
  readonly connection: RedisClient;
  readonly release: () => void;
}

/**
 * A Nest microservice transport over Redis stream consumer groups, for data that must not be lost (Nest's
 * own Redis transport is pub/sub and drops what nobody listens to). Each `@EventPattern(<stream contract>)`
 * handler gets one StreamWorker on its own blocking connection; its semantics are at least once: a batch
 * is acknowledged and deleted only after the handler resolved, retried after `retryDelayMs` when it threw,
 * claimed by another replica after `claimIdleMs` when this one died holding it, and the group is created
 * again when Redis lost it. Entries whose envelope or payload fail the contract's schemas are logged and
 * acknowledged without reaching the handler. The handler runs inside a CONSUMER span whose parent is the
 * trace context the producer put in the envelope.
 */
export class RedisStreamsTransport extends Server implements CustomTransportStrategy {
  override transportId = STREAM_TRANSPORT;
  private readonly contracts = new Map<string, StreamContract>();
  private readonly consumers: Consumer[] = [];
  private readonly consumerName: string;

  constructor(private readonly options: StreamTransportOptions) {
    super();
    this.consumerName = options.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  }

  /** Called by Nest for each decorated handler: only stream contracts, only events (a stream has no reply). */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isStreamContract(pattern)) throw new Error(`stream handlers take a stream contract (AGENT_STREAMS.*) as their pattern, got ${JSON.stringify(pattern)}`);
    if (!isEventHandler) throw new Error(`stream ${pattern.key}: use @EventPattern, a stream entry has no reply`);
    const known = this.contracts.get(pattern.key);
    if (known && known.group !== pattern.group) throw new Error(`stream ${pattern.key} is consumed by two groups (${known.group}, ${pattern.group})`);
    this.contracts.set(pattern.key, pattern);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /** A contract's route is its stream key; the zod schema it carries is no part of the route. */
  protected override normalizePattern(pattern: MsPattern): string {
    return isStreamContract(pattern) ? pattern.key : super.normalizePattern(pattern);
  }

  override listen(callback: (err?: unknown) => void): void {
    try {
      for (const [key, handler] of this.messageHandlers) {
        const contract = this.contracts.get(key);
        if (contract) this.consume(contract, handler);
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** Stops every consumer after the batch in hand; what was read and not acknowledged stays pending for another replica. */
  override async close(): Promise<void> {
    const consumers = this.consumers.splice(0);
    await Promise.all(consumers.map((c) => c.worker.stop()));
    for (const c of consumers) c.release();
    await Promise.all(consumers.map((c) => closeRedis(c.connection)));
  }

  override on(): never {
    throw new Error('the Redis streams transport emits no events');
  }

  override unwrap<T>(): T {
    return this.consumers.map((c) => c.connection) as T;
  }

  private consume(contract: StreamContract, handler: MessageHandler): void {
    const o = this.options;
    const connection = o.connect();
    const tracked = o.metrics?.track(contract.key, contract.group);
    const worker = new StreamWorker(
      connection,
      { key: contract.key, group: contract.group, consumer: this.consumerName, batchSize: o.batchSize, blockMs: o.blockMs, claimIdleMs: o.claimIdleMs, retryDelayMs: o.retryDelayMs },
      (entries) => this.handleBatch(contract, handler, entries),
      o.logger,
      tracked?.observer,
    );
    this.consumers.push({ worker, connection, release: tracked?.release ?? (() => undefined) });
    worker.start();
  }

  private async handleBatch(contract: StreamContract, handler: MessageHandler, entries: StreamEntry[]): Promise<void> {
    const { accepted, rejected } = decodeStreamBatch(contract, entries);
    for (const r of rejected) this.options.logger.error({ stream: contract.key, id: r.id, problem: r.problem }, 'dropping invalid stream entry');
    if (accepted.length === 0) return;
    const context = new StreamContext([contract.key, contract.group, accepted.map((e) => e.id)]);
    const attributes = {
      'messaging.system': 'redis', 'messaging.operation.type': 'process', 'messaging.destination.name': contract.key,
      'messaging.consumer.group.name': contract.group, 'messaging.batch.message_count': accepted.length,
    };
    await inConsumerSpan(`process ${contract.key}`, attributes, accepted.map((e) => e.tp), async () => {
      const result: unknown = await handler(accepted.map((e) => e.data), context);
      // Nest's proxy reports a handler's failure as an erroring observable rather than a rejection.
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    });
  }
}
