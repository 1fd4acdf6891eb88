import { Injectable } from '@nestjs/common';
import { readEnrollRequest } from '@fleet/contracts';
import { readAgentBody } from '../auth/parse-body';
import type { AgentRoute, AgentRouteSource } from '../http/agent-route';
import { EnrollService } from './enroll.service';

/** `enroll`: the enroll secret and host details in, a new node key out (protocol §2). */
@Injectable()
export class EnrollRoutes implements AgentRouteSource {
  constructor(private readonly enrollment: EnrollService) {}

  agentRoutes(): readonly AgentRoute[] {
    return [{
      path: 'enroll',
      handle: async (body, req) => ({ node_key: await this.enrollment.enroll(readAgentBody(readEnrollRequest, body), req.clientIp) }),
    }];
  }
}
