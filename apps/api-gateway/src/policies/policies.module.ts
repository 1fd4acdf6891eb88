import { Module } from '@nestjs/common';
import { AutomationResetService } from './automation-reset.service';
import { AutomationsController } from './automations.controller';
import { PoliciesController } from './policies.controller';
import { PolicyService } from './policy.service';

/** Global and team policies, with the 2022-04 `/policies` names, and the reset of their automations. */
@Module({ controllers: [PoliciesController, AutomationsController], providers: [PolicyService, AutomationResetService], exports: [PolicyService] })
export class PoliciesModule {}
