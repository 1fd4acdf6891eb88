import { Body, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { readEnrollRequest } from '@fleet/contracts';
import { AgentErrorFilter } from '../auth/agent-error.filter';
import { readAgentBody } from '../auth/parse-body';
import { EnrollService } from './enroll.service';

@Controller(['api/osquery', 'api/v1/osquery'])
@UseFilters(AgentErrorFilter)
export class EnrollController {
  constructor(private readonly enrollment: EnrollService) {}

  @Post('enroll')
  @HttpCode(200)
  async enroll(@Body() body: unknown, @Req() req: FastifyRequest): Promise<{ node_key: string }> {
    const request = readAgentBody(readEnrollRequest, body);
    return { node_key: await this.enrollment.enroll(request, req.clientIp) };
  }
}
