import { Module } from '@nestjs/common';
import { SoftwareController } from './software.controller';
import { SoftwareService } from './software.service';
import { SoftwareTitlesController } from './software-titles.controller';

/** Software versions and titles with their host counts and CVEs, and each host's software. */
@Module({ controllers: [SoftwareController, SoftwareTitlesController], providers: [SoftwareService], exports: [SoftwareService] })
export class SoftwareModule {}
