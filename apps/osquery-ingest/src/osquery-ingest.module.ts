import { Module } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { LiveQueryAnswerStore, LogBufferStore, StreamProducer } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { REDIS } from '@fleet/platform';
import { AgentAuthService } from './auth/agent-auth.service';
import { LocalHostCacheLifecycle } from './auth/local-host-cache.provider';
import { CarveService } from './carve/carve.service';
import { AgentCatalogCache } from './config/agent-catalog.cache';
import { AgentConfigService } from './config/agent-config.service';
import { DistributedReadService } from './distributed/distributed-read.service';
import { DistributedWriteService } from './distributed/distributed-write.service';
import { LiveQueryReader } from './distributed/live-query.reader';
import { LiveQueryLogger } from './distributed/live-query.logger';
import { LiveQueryWriter } from './distributed/live-query.writer';
import { EnrollService } from './enroll/enroll.service';
import { LOG_DESTINATIONS } from './log/destinations/log-destination';
import { createLogDestinations } from './log/destinations/log-destinations.factory';
import { LogBufferWriter } from './log/delivery/log-buffer.writer';
import { LogDeliveryService } from './log/delivery/log-delivery.service';
import { LogService } from './log/log.service';
import { LogRouter } from './log/routing/log-router';
import { RoutingFactsCache } from './log/routing/routing-facts.cache';
import { AGENT_ROUTE_SOURCES, AgentRouter, agentRoutesProvider } from './http/agent-router';
import { HostWriteQueue } from './writer/host-write.queue';
import { AgentDataWriterController } from './writer/agent-data-writer.controller';
import { SeenTimesRecorder } from './writer/seen-times.recorder';

/**
 * The agent-facing role: osquery's TLS API under /api/osquery and /api/v1/osquery (enroll, config,
 * distributed read/write, log, carve; served on Fastify directly by AgentRouter), plus the batch writer that
 * drains agent data into MySQL (a stream consumer of the Redis-streams transport that the platform connects
 * when the ingest role is served).
 * The Redis stores only this role uses are bound here; the shared ones come from MessagingModule. The named log
 * destinations' consumers (LogDeliveryService) run here too, so every ingest replica helps deliver them.
 */
@Module({
  controllers: [AgentDataWriterController],
  providers: [
    { provide: LOG_DESTINATIONS, useFactory: createLogDestinations, inject: [FLEET_CONFIG] },
    { provide: StreamProducer, useFactory: (r: RedisClient) => new StreamProducer(r), inject: [REDIS] },
    { provide: LiveQueryAnswerStore, useFactory: (r: RedisClient) => new LiveQueryAnswerStore(r), inject: [REDIS] },
    { provide: LogBufferStore, useFactory: (r: RedisClient) => new LogBufferStore(r), inject: [REDIS] },
    LogRouter, RoutingFactsCache, LogBufferWriter, LogDeliveryService, LiveQueryLogger,
    AgentAuthService, LocalHostCacheLifecycle, SeenTimesRecorder, HostWriteQueue, AgentCatalogCache, AgentConfigService,
    DistributedReadService, DistributedWriteService, LiveQueryReader, LiveQueryWriter, EnrollService, LogService, CarveService,
    ...AGENT_ROUTE_SOURCES, agentRoutesProvider, AgentRouter,
  ],
})
export class OsqueryIngestModule {}

export type { FleetConfig };
