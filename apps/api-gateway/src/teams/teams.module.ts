import { Module } from '@nestjs/common';
import { TeamsController } from './teams.controller';
import { TeamService } from './team.service';

/** Teams, their members, agent options and enroll secrets. */
@Module({ controllers: [TeamsController], providers: [TeamService], exports: [TeamService] })
export class TeamsModule {}
