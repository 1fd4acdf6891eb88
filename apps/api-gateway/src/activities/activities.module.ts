import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivityService } from './activity.service';
import { HostActivityService } from './host-activity.service';

/** Reading the audit log; entries are written by the global ActivityRecorder (core). */
@Module({ controllers: [ActivitiesController], providers: [ActivityService, HostActivityService], exports: [ActivityService] })
export class ActivitiesModule {}
