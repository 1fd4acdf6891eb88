import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { AgentAuthService } from '../auth/agent-auth.service';
import type { AgentRoute, AgentRouteSource } from '../http/agent-route';
import { WorkSlicer } from '../slicing/work-slicer';
import { DistributedReadService } from './distributed-read.service';
import { readDistributedWrite } from './distributed-write.request';
import { DistributedWriteService } from './distributed-write.service';

/** `distributed/read` (the queries due) and `distributed/write` (their answers), protocol §5. */
@Injectable()
export class DistributedRoutes implements AgentRouteSource {
  constructor(
    private readonly auth: AgentAuthService,
    private readonly reader: DistributedReadService,
    private readonly writer: DistributedWriteService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
  ) {}

  agentRoutes(): readonly AgentRoute[] {
    return [
      {
        path: 'distributed/read',
        handle: async (body, req) => this.reader.read(await this.auth.authenticateRequest(req, body)),
      },
      {
        path: 'distributed/write',
        handle: async (body, req) => {
          const host = await this.auth.authenticateRequest(req, body);
          const slicer = new WorkSlicer();
          const request = await readDistributedWrite(body, this.config.osquery.max_distributed_write_queries, slicer);
          await this.writer.write(host, request, req.clientIp, slicer);
          return {};
        },
      },
    ];
  }
}
