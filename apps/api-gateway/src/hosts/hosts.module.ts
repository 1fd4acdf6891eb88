import { Module } from '@nestjs/common';
import { HostDeviceController } from './host-device.controller';
import { HostDeviceService } from './host-device.service';
import { HostQueriesController } from './host-queries.controller';
import { HostQueryReportService } from './host-query-report.service';
import { HostSearchService } from './host-search.service';
import { HostSummaryController } from './host-summary.controller';
import { HostSummaryService } from './host-summary.service';
import { HostService } from './host.service';
import { HostsController } from './hosts.controller';

/** Hosts: list, count, CSV report, detail, refetch, delete, transfer, the host summary, a host's query reports, device mapping and health, and the host search. */
@Module({
  controllers: [HostsController, HostSummaryController, HostQueriesController, HostDeviceController],
  providers: [HostService, HostSummaryService, HostQueryReportService, HostDeviceService, HostSearchService],
  exports: [HostService],
})
export class HostsModule {}

