import { Module } from '@nestjs/common';
import { QueriesController } from './queries.controller';
import { QueryService } from './query.service';

/** Saved queries with their schedule and stored reports. */
@Module({ controllers: [QueriesController], providers: [QueryService], exports: [QueryService] })
export class QueriesModule {}
