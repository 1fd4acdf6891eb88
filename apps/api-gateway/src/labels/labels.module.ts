import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { LabelService } from './label.service';
import { LabelsController } from './labels.controller';

/** Labels: dynamic and manual, with their hosts (listed by the hosts context). */
@Module({ imports: [HostsModule], controllers: [LabelsController], providers: [LabelService], exports: [LabelService] })
export class LabelsModule {}
