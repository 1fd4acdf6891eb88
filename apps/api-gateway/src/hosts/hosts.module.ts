import { Module } from '@nestjs/common';
import { HostSummaryController } from './host-summary.controller';
import { HostSummaryService } from './host-summary.service';
import { HostService } from './host.service';
import { HostsController } from './hosts.controller';

/** Hosts: list, count, CSV report, detail, refetch, delete, transfer, and the host summary. */
@Module({ controllers: [HostsController, HostSummaryController], providers: [HostService, HostSummaryService], exports: [HostService] })
export class HostsModule {}

