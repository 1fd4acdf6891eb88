import { Module } from '@nestjs/common';
import { HostQueriesController } from './host-queries.controller';
import { HostQueryReportService } from './host-query-report.service';
import { HostSummaryController } from './host-summary.controller';
import { HostSummaryService } from './host-summary.service';
import { HostService } from './host.service';
import { HostsController } from './hosts.controller';

/** Hosts: list, count, CSV report, detail, refetch, delete, transfer, the host summary and a host's query reports. */
@Module({
  controllers: [HostsController, HostSummaryController, HostQueriesController],
  providers: [HostService, HostSummaryService, HostQueryReportService],
  exports: [HostService],
})
export class HostsModule {}

