import { Module } from '@nestjs/common';
import { QueriesController } from './queries.controller';
import { QueryScheduleController } from './query-schedule.controller';
import { QueryScheduleService } from './query-schedule.service';
import { QueryService } from './query.service';

/** Saved queries with their schedule and stored reports, and the schedule routes that view them (Fleet 4.35+). */
@Module({ controllers: [QueriesController, QueryScheduleController], providers: [QueryService, QueryScheduleService], exports: [QueryService] })
export class QueriesModule {}
