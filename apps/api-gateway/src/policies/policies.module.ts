import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PolicyService } from './policy.service';

/** Global and team policies, with the 2022-04 `/policies` names. */
@Module({ controllers: [PoliciesController], providers: [PolicyService], exports: [PolicyService] })
export class PoliciesModule {}
