import { Injectable } from '@nestjs/common';
import { AgentAuthService } from '../auth/agent-auth.service';
import type { AgentRoute, AgentRouteSource } from '../http/agent-route';
import { AgentConfigService } from './agent-config.service';

/** `config`: the whole response body is the osquery configuration (protocol §3.2). */
@Injectable()
export class ConfigRoutes implements AgentRouteSource {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly configs: AgentConfigService,
  ) {}

  agentRoutes(): readonly AgentRoute[] {
    return [{
      path: 'config',
      handle: async (body, req) => {
        const host = await this.auth.authenticateRequest(req, body);
        return this.configs.configFor(host);
      },
    }];
  }
}
