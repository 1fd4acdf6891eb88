import { Injectable, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { BullMqJobQueue, JobQueue } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import type { Logger } from '@fleet/observability';
import { LOGGER } from './tokens';

/** Stops the workers (after the attempts in progress) and closes BullMQ's connections at shutdown. */
@Injectable()
class JobQueueCloser implements OnApplicationShutdown {
  constructor(private readonly queue: JobQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * The process's JobQueue (BullMQ on the configured Redis, under `<redis.key_prefix>bull`), injectable by its
 * class. It only produces until a role registers a handler (`process`), so any role imports this module to
 * enqueue (the api role queues account mails); the live-query role registers the workers. Nest builds a
 * module once per process, so `fleet serve` with every role shares one queue and its connections.
 */
@Module({
  providers: [
    {
      provide: JobQueue,
      useFactory: (config: FleetConfig, metrics: MetricsRegistry, logger: Logger) => new BullMqJobQueue({ config, metrics, logger }),
      inject: [FLEET_CONFIG, MetricsRegistry, LOGGER],
    },
    JobQueueCloser,
  ],
  exports: [JobQueue],
})
export class JobQueueModule {}
