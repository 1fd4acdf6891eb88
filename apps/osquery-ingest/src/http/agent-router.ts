import { Inject, Injectable } from '@nestjs/common';
import type { FactoryProvider, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { CarveRoutes } from '../carve/carve.routes';
import { ConfigRoutes } from '../config/config.routes';
import { DistributedRoutes } from '../distributed/distributed.routes';
import { EnrollRoutes } from '../enroll/enroll.routes';
import { LogRoutes } from '../log/log.routes';
import { sendAgentError } from './agent-error.reply';
import { AGENT_API_PREFIXES } from './agent-route';
import type { AgentRoute, AgentRouteSource } from './agent-route';

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
 * Serves osquery's API on Fastify directly rather than through Nest's router. Agents send nearly every request the
 * product gets, and Nest's per-request layers (execution context, parameter pipes, the response controller,
 * exception zones) cost a check-in 3–25 % of its server CPU, median 12 % (bench/load/findings.md, "Agent routes
 * without Nest's router"). The platform's hooks (request id, metrics by route pattern, body limits and
 * decompression, JSON whatever the Content-Type) and its error handler for failures before a handler apply to these
 * routes as to every other: they are registered on the same Fastify instance, before Nest initialises the modules.
 */
@Injectable()
export class AgentRouter implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AGENT_ROUTES) private readonly sources: readonly AgentRouteSource[],
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const prefix = normalisedPrefix(this.config.server.url_prefix);
    for (const route of this.sources.flatMap((s) => s.agentRoutes())) {
      const handler = this.handlerOf(route);
      for (const api of AGENT_API_PREFIXES) fastify.post(`${prefix}/${api}/${route.path}`, handler);
    }
  }

  private handlerOf(route: AgentRoute): (req: FastifyRequest, reply: FastifyReply) => Promise<object> {
    const { logger } = this;
    return async (req, reply) => {
      try {
        return await route.handle(req.body, req);
      } catch (err) {
        return sendAgentError(err, req, reply, logger);
      }
    };
  }
}

/** `server.url_prefix` as Nest's global prefix reads it: a leading slash, no trailing one, '' for none. */
function normalisedPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
