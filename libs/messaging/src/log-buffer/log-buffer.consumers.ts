import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { logBufferContract } from '@fleet/contracts';
import type { LogRecord } from '@fleet/contracts';
import type { Logger } from '@fleet/observability';
import type { FleetConfig } from '@fleet/config';
import { closeRedis, createRedis } from '../redis.factory';
import type { RedisClient } from '../redis.factory';
import { decodeStreamBatch } from '../stream-batch.decoder';
import type { StreamConsumerMetrics } from '../stream-consumer.metrics';
import { StreamWorker } from '../stream-worker';

/** Delivers one batch of a destination's lines; resolves only when the destination has them all. */
export type LogBufferHandler = (records: LogRecord[]) => Promise<void>;

export interface LogBufferConsumerOptions {
  /** Redis settings: each destination gets its own blocking connection, closed by stop(). */
  readonly config: FleetConfig;
  /** Entries (each up to LOG_BUFFER_CHUNK lines) read per batch. */
  readonly batchSize: number;
  readonly blockMs: number;
  /** Entries a stopped replica held this long are taken over by another. */
  readonly claimIdleMs: number;
  /** Wait before a failed delivery is tried again. */
  readonly retryDelayMs: number;
  readonly logger: Logger;
  readonly metrics?: StreamConsumerMetrics;
  readonly consumer?: string;
}

interface Running {
  readonly worker: StreamWorker;
  readonly connection: RedisClient;
  readonly release: () => void;
}

/**
 * One consumer per named log destination, each on its own stream, group and blocking connection, so a
 * destination that is slow or down holds back only its own lines. These are the StreamWorkers the
 * Redis-streams transport runs, started here rather than through `@EventPattern` because the destinations
 * come from configuration, not from code. At least once: a batch is acknowledged (and deleted) after the
 * handler resolved, retried in order while it fails, and claimed by another replica when this one died
 * holding it; the records' ids let the destination drop the repeats.
 */
export class LogBufferConsumers {
  private readonly running = new Map<string, Running>();
  private readonly consumerName: string;

  constructor(private readonly options: LogBufferConsumerOptions) {
    this.consumerName = options.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  }

  start(destination: string, handler: LogBufferHandler): void {
    if (this.running.has(destination)) throw new Error(`log destination ${destination} is already consumed`);
    const o = this.options;
    const contract = logBufferContract(destination);
    const connection = createRedis(o.config, { blocking: true });
    const tracked = o.metrics?.track(contract.key, contract.group);
    const worker = new StreamWorker(
      connection,
      { key: contract.key, group: contract.group, consumer: this.consumerName, batchSize: o.batchSize, blockMs: o.blockMs, claimIdleMs: o.claimIdleMs, retryDelayMs: o.retryDelayMs },
      async (entries) => {
        const { accepted, rejected } = decodeStreamBatch(contract, entries);
        for (const r of rejected) o.logger.error({ destination, id: r.id, problem: r.problem }, 'dropping invalid log buffer entry');
        const records = accepted.flatMap((e) => e.data);
        if (records.length > 0) await handler(records);
      },
      o.logger,
      tracked?.observer,
    );
    this.running.set(destination, { worker, connection, release: tracked?.release ?? (() => undefined) });
    worker.start();
  }

  /** Stops every consumer after the batch in hand; what was read and not delivered stays pending for the next start or another replica. */
  async stop(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((r) => r.worker.stop()));
    for (const r of all) r.release();
    await Promise.all(all.map((r) => closeRedis(r.connection)));
  }
}
