import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { carveBeginRequestSchema, carveBlockRequestSchema } from '@fleet/contracts';
import { AgentAuthService } from '../auth/agent-auth.service';
import { AgentErrorFilter } from '../auth/agent-error.filter';
import { nodeKeyOf } from '../auth/node-key';
import { parseAgentBody } from '../auth/parse-body';
import { CarveService } from './carve.service';

@Controller(['api/osquery/carve', 'api/v1/osquery/carve'])
@UseFilters(AgentErrorFilter)
export class CarveController {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly carves: CarveService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  @Post('begin')
  @HttpCode(200)
  async begin(@Body() body: unknown, @Req() req: FastifyRequest): Promise<{ session_id: string; success: true }> {
    const host = await this.auth.authenticate(nodeKeyOf(req, body, this.config.osquery.allow_body_auth_fallback));
    return { session_id: await this.carves.begin(host, parseAgentBody(carveBeginRequestSchema, body)), success: true };
  }

  /** Blocks carry no node key: the session id from begin is the credential, as in Fleet. */
  @Post('block')
  @HttpCode(200)
  async block(@Body() body: unknown): Promise<{ success: true }> {
    await this.carves.block(parseAgentBody(carveBlockRequestSchema, body));
    return { success: true };
  }
}
