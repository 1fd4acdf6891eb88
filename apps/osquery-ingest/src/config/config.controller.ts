import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { AgentAuthService } from '../auth/agent-auth.service';
import { AgentErrorFilter } from '../auth/agent-error.filter';
import { nodeKeyOf } from '../auth/node-key';
import { AgentConfigService } from './agent-config.service';

/** The whole response body is the osquery configuration (protocol §3.2). */
@Controller(['api/osquery', 'api/v1/osquery'])
@UseFilters(AgentErrorFilter)
export class ConfigController {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly configs: AgentConfigService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  @Post('config')
  @HttpCode(200)
  async config_(@Body() body: unknown, @Req() req: FastifyRequest): Promise<Record<string, unknown>> {
    const host = await this.auth.authenticate(nodeKeyOf(req, body, this.config.osquery.allow_body_auth_fallback));
    return this.configs.configFor(host);
  }
}
