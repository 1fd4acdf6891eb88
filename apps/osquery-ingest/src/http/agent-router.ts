import { Inject, Injectable } from '@nestjs/common';
import type { FactoryProvider, OnModuleInit } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Logger } from '@fleet/observability';
import { DirectRoutes, LOGGER } from '@fleet/platform';
import type { DirectRequest, Refusal } from '@fleet/platform';
import { CarveRoutes } from '../carve/carve.routes';
import { ConfigRoutes } from '../config/config.routes';
import { DistributedRoutes } from '../distributed/distributed.routes';
import { EnrollRoutes } from '../enroll/enroll.routes';
import { LogRoutes } from '../log/log.routes';
import { agentErrorReply } from './agent-error.reply';
import { AGENT_API_PREFIXES } from './agent-route';
import type { AgentRouteSource } from './agent-route';

/** The providers of agent routes, listed once: the module provides them and AgentRouter registers their routes. */
export const AGENT_ROUTE_SOURCES = [EnrollRoutes, ConfigRoutes, DistributedRoutes, LogRoutes, CarveRoutes] as const;

const AGENT_ROUTES = Symbol('AGENT_ROUTES');

/** Every AGENT_ROUTE_SOURCES instance, as one injectable list. */
export const agentRoutesProvider: FactoryProvider<readonly AgentRouteSource[]> = {
  provide: AGENT_ROUTES,
  useFactory: (...sources: AgentRouteSource[]) => sources,
  inject: [...AGENT_ROUTE_SOURCES],
};

/**
 * Serves osquery's API as the server's direct routes (libs/platform/src/http/direct-routes.ts), ahead of Fastify
 * and Nest. Agents send nearly every request the product gets: Nest's router cost a check-in 3–25 % of its server
 * CPU, median 12 % (bench/load/findings.md, "Agent routes without Nest's router"), and Fastify's per-request
 * machinery more again ("Agent routes ahead of Fastify"). The platform's request id, latency metrics by route,
 * body limits and decompression, JSON whatever the Content-Type, and its answers to bad bodies apply to these routes
 * as to every other.
 */
@Injectable()
export class AgentRouter implements OnModuleInit {
  constructor(
    private readonly direct: DirectRoutes,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AGENT_ROUTES) private readonly sources: readonly AgentRouteSource[],
  ) {}

  onModuleInit(): void {
    const prefix = normalisedPrefix(this.config.server.url_prefix);
    const refuse = (err: unknown, req: DirectRequest): Refusal => agentErrorReply(err, req.id, this.logger);
    for (const route of this.sources.flatMap((s) => s.agentRoutes())) {
      for (const api of AGENT_API_PREFIXES) this.direct.add({ path: `${prefix}/${api}/${route.path}`, handle: route.handle, refuse });
    }
  }
}

/** `server.url_prefix` as Nest's global prefix reads it: a leading slash, no trailing one, '' for none. */
function normalisedPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
