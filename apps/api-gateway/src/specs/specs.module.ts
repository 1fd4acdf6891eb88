import { Module } from '@nestjs/common';
import { LabelSpecService } from './label-spec.service';
import { QuerySpecService } from './query-spec.service';
import { SpecsController } from './specs.controller';
import { TeamSpecService } from './team-spec.service';

/** `fleetctl apply/get` for queries, labels, policies and teams; no other context needs its services. */
@Module({ controllers: [SpecsController], providers: [QuerySpecService, LabelSpecService, TeamSpecService] })
export class SpecsModule {}
