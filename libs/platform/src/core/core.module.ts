import { Global, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { systemClock } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import { closeRedis } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import type { Logger } from '@fleet/observability';
import { DataSource } from '@fleet/persistence';
import { HealthController } from '../health/health.controller';
import { HealthIndicators } from '../health/health-indicators';
import { HealthService } from '../health/health.service';
import { MetricsController } from '../metrics/metrics.controller';
import { MessagingModule } from './messaging.module';
import { PersistenceModule } from './persistence.module';
import { CLOCK, LOGGER, REDIS, ROLES } from './tokens';
import type { Role } from './tokens';

export interface CoreResources {
  readonly config: FleetConfig;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly dataSource: DataSource;
  readonly redis: RedisClient;
  readonly roles: readonly Role[];
  /** Defaults to the system clock; tests pass a FixedClock to control time. */
  readonly clock?: Clock;
}

/** Closes the shared pools when the application shuts down, after in-flight requests have finished. */
@Injectable()
class ResourceCloser implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The process-wide resources every role shares: configuration, logger, metrics, the MySQL data source
 * and the Redis client, every repository (PersistenceModule) and Redis store (MessagingModule), plus /healthz
 * and /metrics. Created once by the `fleet` binary and passed in, so
 * that start-up order (tracing, then database connections) stays explicit.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(resources: CoreResources): DynamicModule {
    return {
      module: CoreModule,
      imports: [PersistenceModule, MessagingModule],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: FLEET_CONFIG, useValue: resources.config },
        { provide: LOGGER, useValue: resources.logger },
        { provide: MetricsRegistry, useValue: resources.metrics },
        { provide: DataSource, useValue: resources.dataSource },
        { provide: REDIS, useValue: resources.redis },
        { provide: ROLES, useValue: resources.roles },
        { provide: CLOCK, useValue: resources.clock ?? systemClock },
        HealthService,
        HealthIndicators,
        ResourceCloser,
      ],
      exports: [FLEET_CONFIG, LOGGER, MetricsRegistry, DataSource, REDIS, ROLES, CLOCK, HealthService, HealthIndicators],
    };
  }
}
