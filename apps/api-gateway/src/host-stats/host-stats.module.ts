import { Module } from '@nestjs/common';
import { HostStatsController } from './host-stats.controller';
import { HostStatsService } from './host-stats.service';

/** Aggregates over hosts for the dashboard: the online-hosts history and the OS versions in use. */
@Module({ controllers: [HostStatsController], providers: [HostStatsService] })
export class HostStatsModule {}
