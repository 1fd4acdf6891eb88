import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { logRequestSchema } from '@fleet/contracts';
import { AgentAuthService } from '../auth/agent-auth.service';
import { AgentErrorFilter } from '../auth/agent-error.filter';
import { nodeKeyOf } from '../auth/node-key';
import { parseAgentBody } from '../auth/parse-body';
import { LogService } from './log.service';

@Controller(['api/osquery', 'api/v1/osquery'])
@UseFilters(AgentErrorFilter)
export class LogController {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly logs: LogService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  @Post('log')
  @HttpCode(200)
  async log(@Body() body: unknown, @Req() req: FastifyRequest): Promise<Record<string, never>> {
    const host = await this.auth.authenticate(nodeKeyOf(req, body, this.config.osquery.allow_body_auth_fallback));
    await this.logs.submit(host, parseAgentBody(logRequestSchema, body));
    return {};
  }
}
