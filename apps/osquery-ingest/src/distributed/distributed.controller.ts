import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { AgentAuthService } from '../auth/agent-auth.service';
import { AgentErrorFilter } from '../auth/agent-error.filter';
import { nodeKeyOf } from '../auth/node-key';
import { WorkSlicer } from '../slicing/work-slicer';
import { DistributedReadService } from './distributed-read.service';
import type { DistributedReadResponse } from './distributed-read.service';
import { readDistributedWrite } from './distributed-write.request';
import { DistributedWriteService } from './distributed-write.service';

@Controller(['api/osquery/distributed', 'api/v1/osquery/distributed'])
@UseFilters(AgentErrorFilter)
export class DistributedController {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly reader: DistributedReadService,
    private readonly writer: DistributedWriteService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  @Post('read')
  @HttpCode(200)
  async read(@Body() body: unknown, @Req() req: FastifyRequest): Promise<DistributedReadResponse> {
    const host = await this.auth.authenticate(nodeKeyOf(req, body, this.config.osquery.allow_body_auth_fallback));
    return this.reader.read(host);
  }

  @Post('write')
  @HttpCode(200)
  async write(@Body() body: unknown, @Req() req: FastifyRequest): Promise<Record<string, never>> {
    const host = await this.auth.authenticate(nodeKeyOf(req, body, this.config.osquery.allow_body_auth_fallback));
    const slicer = new WorkSlicer();
    const request = await readDistributedWrite(body, this.config.osquery.max_distributed_write_queries, slicer);
    await this.writer.write(host, request, req.clientIp, slicer);
    return {};
  }
}
