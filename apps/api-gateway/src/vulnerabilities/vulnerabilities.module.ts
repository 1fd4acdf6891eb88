import { Module } from '@nestjs/common';
import { VulnerabilitiesController } from './vulnerabilities.controller';
import { VulnerabilityService } from './vulnerability.service';

/** CVEs found in the fleet (with their affected software and OS versions) and the OS versions in use. */
@Module({ controllers: [VulnerabilitiesController], providers: [VulnerabilityService], exports: [VulnerabilityService] })
export class VulnerabilitiesModule {}
