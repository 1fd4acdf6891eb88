import { Module } from '@nestjs/common';
import { SoftwareController } from './software.controller';
import { SoftwareService } from './software.service';

/** Software versions and their host counts. */
@Module({ controllers: [SoftwareController], providers: [SoftwareService], exports: [SoftwareService] })
export class SoftwareModule {}
