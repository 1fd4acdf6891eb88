import { Injectable } from '@nestjs/common';
import { logRequestSchema } from '@fleet/contracts';
import { AgentAuthService } from '../auth/agent-auth.service';
import { parseAgentBody } from '../auth/parse-body';
import type { AgentRoute, AgentRouteSource } from '../http/agent-route';
import { LogService } from './log.service';

/** `log`: result and status lines (protocol §4). */
@Injectable()
export class LogRoutes implements AgentRouteSource {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly logs: LogService,
  ) {}

  agentRoutes(): readonly AgentRoute[] {
    return [{
      path: 'log',
      handle: async (body, req) => {
        const host = await this.auth.authenticateRequest(req, body);
        await this.logs.submit(host, parseAgentBody(logRequestSchema, body));
        return {};
      },
    }];
  }
}
