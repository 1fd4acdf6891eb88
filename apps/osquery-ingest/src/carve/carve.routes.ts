import { Injectable } from '@nestjs/common';
import { carveBeginRequestSchema, carveBlockRequestSchema } from '@fleet/contracts';
import { AgentAuthService } from '../auth/agent-auth.service';
import { parseAgentBody } from '../auth/parse-body';
import type { AgentRoute, AgentRouteSource } from '../http/agent-route';
import { CarveService } from './carve.service';

/** `carve/begin` and `carve/block`: file carving (protocol §7). */
@Injectable()
export class CarveRoutes implements AgentRouteSource {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly carves: CarveService,
  ) {}

  agentRoutes(): readonly AgentRoute[] {
    return [
      {
        path: 'carve/begin',
        handle: async (body, req) => {
          const host = await this.auth.authenticateRequest(req, body);
          return { session_id: await this.carves.begin(host, parseAgentBody(carveBeginRequestSchema, body)), success: true };
        },
      },
      {
        // Blocks carry no node key: the session id from begin is the credential, as in Fleet.
        path: 'carve/block',
        handle: async (body) => {
          await this.carves.block(parseAgentBody(carveBlockRequestSchema, body));
          return { success: true };
        },
      },
    ];
  }
}
