import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { HostLabelsController } from './host-labels.controller';
import { HostLabelsService } from './host-labels.service';
import { LabelService } from './label.service';
import { LabelsController } from './labels.controller';

/** Labels: dynamic and manual, with their hosts (listed by the hosts context), and a host's manual labels. */
@Module({ imports: [HostsModule], controllers: [LabelsController, HostLabelsController], providers: [LabelService, HostLabelsService], exports: [LabelService] })
export class LabelsModule {}
