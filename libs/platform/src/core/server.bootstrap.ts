import type { IncomingMessage } from 'node:http';
import { Global, Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRedis, RedisStreamsTransport, StreamConsumerMetrics } from '@fleet/messaging';
import { HealthIndicators } from '../health/health-indicators';
import { FleetExceptionFilter } from '../http/fleet-exception.filter';
import { clientIpResolver } from '../http/client-ip';
import { DirectRoutes } from '../http/direct-routes';
import { closeSilentConnections } from '../http/first-request-timeout';
import { registerHttpHooks, requestIdFor } from '../http/http-hooks';
import { registerRequestBodyHandling } from '../http/request-body';
import type { BodyLimitRule } from '../http/body-decoding';
import { registerDependencyMetrics } from '../metrics/dependency.metrics';
import { httpsOptions } from '../tls/tls.options';
import { CoreModule } from './core.module';
import type { CoreResources } from './core.module';
import { NestPinoLogger } from './nest-logger';

export interface ServerOptions {
  /** Nest modules of the roles this process serves. */
  readonly roleModules: ReadonlyArray<Type | DynamicModule>;
  /** Certificate and key to serve HTTPS with; absent for plain HTTP. */
  readonly tls?: { readonly certPath: string; readonly keyPath: string };
  /** Per-route body limits (after decompression) on top of `server.default_max_request_body_size`. */
  readonly bodyLimits?: readonly BodyLimitRule[];
}

/** The server's direct routes (direct-routes.ts), for the roles' modules to register theirs. */
@Global()
@Module({})
class DirectRoutesModule {
  static with(routes: DirectRoutes): DynamicModule {
    return { module: DirectRoutesModule, providers: [{ provide: DirectRoutes, useValue: routes }], exports: [DirectRoutes] };
  }
}

@Module({})
class FleetRootModule {
  static with(resources: CoreResources, direct: DirectRoutes, roleModules: ReadonlyArray<Type | DynamicModule>): DynamicModule {
    return { module: FleetRootModule, imports: [CoreModule.forRoot(resources), DirectRoutesModule.with(direct), ...roleModules] };
  }
}

/**
 * Builds the Nest application on Fastify for the given roles; call `listen` on the result to serve. With the
 * ingest role it is a hybrid app whose stream consumers are already running (see connectStreamConsumers).
 */
export async function createFleetApp(resources: CoreResources, options: ServerOptions): Promise<NestFastifyApplication> {
  const { config, logger, metrics } = resources;
  const limits = options.bodyLimits ?? [];
  const common = {
    bodyLimit: Math.max(config.server.default_max_request_body_size, ...limits.map((l) => l.bytes)),
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers['x-request-id']),
    keepAliveTimeout: config.server.keepalive ? 72_000 : 0,
    connectionTimeout: 0,
    requestTimeout: 40_000,
    forceCloseConnections: 'idle' as const,
    return503OnClosing: true,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // No Nest middleware is used (every concern is a Fastify hook), so @fastify/middie's per-request pass over an
    // empty middleware list is skipped: 0.23 % of an agent check-in's profile, a small saving (bench/load/findings.md).
    skipMiddie: true,
  };
  const adapter = options.tls
    ? new FastifyAdapter({ ...common, https: httpsOptions(options.tls.certPath, options.tls.keyPath, config.server.tls_compatibility) })
    : new FastifyAdapter(common);
  // The request context's promise hooks would tax every agent request (http-hooks.ts): off where agents are served.
  const requestContext = !resources.roles.includes('ingest') || config.logging.debug || config.logging.tracing_enabled;
  const clientIp = clientIpResolver(config.server.trusted_proxies);
  const direct = new DirectRoutes({ defaultLimit: config.server.default_max_request_body_size, limits, clientIp, metrics, logger, requestContext });
  const app = await NestFactory.create<NestFastifyApplication>(FleetRootModule.with(resources, direct, options.roleModules), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    // Bodies are parsed by registerRequestBodyHandling (JSON whatever the Content-Type, as Fleet reads them).
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  direct.mount(app.getHttpServer(), fastify);
  registerHttpHooks(fastify, metrics, logger, clientIp, { requestContext });
  registerDependencyMetrics(metrics, resources.dataSource, resources.redis);
  closeSilentConnections(app.getHttpServer(), config.server.first_request_timeout, options.tls !== undefined);
  registerRequestBodyHandling(fastify, config.server.default_max_request_body_size, limits);
  app.useGlobalFilters(new FleetExceptionFilter(logger));
  if (config.server.url_prefix) app.setGlobalPrefix(config.server.url_prefix);
  if (resources.roles.includes('ingest')) await connectStreamConsumers(app, resources);
  return app;
}

/**
 * The ingest role drains the agent-data streams through the Redis-streams transport: its
 * `@EventPattern(<stream contract>)` handlers run in every replica, sharing each stream's consumer group.
 * Consumers start before HTTP listens (as in Nest's hybrid apps) and stop when the app closes, after HTTP
 * stopped taking requests and before the MySQL pool closes, so a batch in hand is written and acknowledged
 * or left pending for another replica. Missing consumer groups are reported on /healthz?check=redis.
 */
async function connectStreamConsumers(app: NestFastifyApplication, { config, logger, metrics, redis }: CoreResources): Promise<void> {
  const consumers = StreamConsumerMetrics.for(metrics, redis);
  const strategy = new RedisStreamsTransport({
    connect: () => createRedis(config, { blocking: true }),
    batchSize: Math.min(config.osquery.async_host_insert_batch, 500),
    blockMs: 500,
    claimIdleMs: config.osquery.async_host_collect_lock_timeout,
    retryDelayMs: 1000,
    logger,
    metrics: consumers,
  });
  app.connectMicroservice({ strategy });
  app.get(HealthIndicators).register('redis', () => consumers.problems());
  await app.startAllMicroservices();
}

export function listenAddress(address: string): { host: string; port: number } {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(address);
  return { host: m?.[1] || '0.0.0.0', port: Number(m?.[2] ?? 8080) };
}
