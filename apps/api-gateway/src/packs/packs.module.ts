import { Module } from '@nestjs/common';
import { PackSpecService } from './pack-spec.service';
import { PackSpecsController } from './pack-specs.controller';
import { PackService } from './pack.service';
import { PacksController } from './packs.controller';
import { ScheduleController } from './schedule.controller';
import { ScheduleService } from './schedule.service';

/** 2017 packs, the queries they schedule and their specs (`fleetctl apply/get packs`). */
@Module({
  controllers: [PacksController, ScheduleController, PackSpecsController],
  providers: [PackService, ScheduleService, PackSpecService],
  exports: [PackService],
})
export class PacksModule {}
