import { Module } from '@nestjs/common';
import { SqlCheckController } from './sql-check.controller';
import { SqlCheckService } from './sql-check.service';

/** The SQL check the web UI runs before a live query is sent or a saved query is saved. */
@Module({ controllers: [SqlCheckController], providers: [SqlCheckService] })
export class SqlCheckModule {}
