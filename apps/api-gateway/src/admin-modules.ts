import type { Type } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module';
import { CarvesModule } from './carves/carves.module';
import { ConfigModule } from './config/config.module';
import { CronModule } from './cron/cron.module';
import { HostStatsModule } from './host-stats/host-stats.module';
import { HostsModule } from './hosts/hosts.module';
import { InvitesModule } from './invites/invites.module';
import { LabelsModule } from './labels/labels.module';
import { LiveQueryModule } from './live-query/live-query.module';
import { MailModule } from './mail/mail.module';
import { PacksModule } from './packs/packs.module';
import { PoliciesModule } from './policies/policies.module';
import { QueriesModule } from './queries/queries.module';
import { SoftwareModule } from './software/software.module';
import { SqlCheckModule } from './sql-check/sql-check.module';
import { SpecsModule } from './specs/specs.module';
import { SsoModule } from './sso/sso.module';
import { TeamsModule } from './teams/teams.module';
import { TranslateModule } from './translate/translate.module';
import { UsersModule } from './users/users.module';
import { VulnerabilitiesModule } from './vulnerabilities/vulnerabilities.module';

/**
 * The admin API's bounded contexts, one Nest module each (its folder holds its controller, service, mapper and
 * tests; its routes are declared in libs/contracts/src/admin/routes/<context>.routes.ts).
 */
export const ADMIN_MODULES: readonly Type[] = [TeamsModule, UsersModule, ConfigModule, PacksModule, LabelsModule, QueriesModule, PoliciesModule, SpecsModule,
  HostsModule, HostStatsModule, SoftwareModule, VulnerabilitiesModule, ActivitiesModule,
  LiveQueryModule, CronModule, TranslateModule, CarvesModule, InvitesModule, SsoModule, MailModule, SqlCheckModule];

/** The controllers of the given modules, read from Nest's module metadata. */
export function controllersOf(modules: readonly Type[]): Type[] {
  return modules.flatMap((m) => (Reflect.getMetadata('controllers', m) as Type[] | undefined) ?? []);
}
