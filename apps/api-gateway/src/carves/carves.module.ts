import { Module } from '@nestjs/common';
import { CarvesController } from './carves.controller';
import { CarveService } from './carve.service';

/** File carves: listing them and reading their blocks (the ingest role stores them). */
@Module({ controllers: [CarvesController], providers: [CarveService] })
export class CarvesModule {}
