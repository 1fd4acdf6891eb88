import { Module } from '@nestjs/common';
import { TriggerController } from './trigger.controller';
import { TriggerService } from './trigger.service';

/** The background schedules as the admin API sees them: ad hoc runs (`POST /trigger`). The runs themselves are the live-query role's. */
@Module({ controllers: [TriggerController], providers: [TriggerService], exports: [TriggerService] })
export class CronModule {}
