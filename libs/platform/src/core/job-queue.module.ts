import { Injectable, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { BullMqJobQueue, JobQueue } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';

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
 * class. It only produces until a role registers a handler (`process`), so any role may import this module
 * to enqueue; the live-query role consumes.
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
