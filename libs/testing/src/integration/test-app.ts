import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FleetConfig } from '@fleet/config';
import type { Clock } from '@fleet/domain';
import { createRedis, redisReady } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { createLogger, MetricsRegistry } from '@fleet/observability';
import type { Logger } from '@fleet/observability';
import { createFleetApp } from '@fleet/platform';
import type { BodyLimitRule, Role } from '@fleet/platform';
import { createDataSource } from '@fleet/persistence';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly redis: RedisClient;
  readonly logger: Logger;
  /** Every log line written so far, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly roles?: Role[];
  readonly modules?: ReadonlyArray<Type | DynamicModule>;
  readonly tls?: { certPath: string; keyPath: string };
  readonly bodyLimits?: readonly BodyLimitRule[];
  /** The process clock (CLOCK); a FixedClock lets a test move time instead of sleeping. */
  readonly clock?: Clock;
}

/** Starts the roles' modules on 127.0.0.1 with a free port, against the configured MySQL and Redis. */
export async function startTestApp(config: FleetConfig, options: TestAppOptions = {}): Promise<TestApp> {
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const logger = createLogger({ json: true, debug: config.logging.debug, destination });
  const dataSource = await createDataSource(config).initialize();
  const redis = createRedis(config);
  await redisReady(redis, 5000);
  const roles = options.roles ?? ['ingest', 'api', 'live-query'];
  const app = await createFleetApp(
    { config, logger, metrics: new MetricsRegistry(roles.length === 1 ? (roles[0]) : 'all'), dataSource, redis, roles, clock: options.clock },
    { roleModules: options.modules ?? [], tls: options.tls, bodyLimits: options.bodyLimits },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    redis,
    logger,
    logs,
    close: () => app.close(),
  };
}
