import type { DataSource } from 'typeorm';
import {
  AgentCatalogRepository, AgentDataRepository, AgentHostRepository, CarveRepository, MysqlAgentCatalogRepository, MysqlAgentDataRepository,
  MysqlAgentHostRepository, MysqlCarveRepository, LogRoutingFactsRepository,
} from './agent';
import {
  ActivityRepository, AppConfigRepository, HostDetailRepository, HostRepository, HostStatsRepository, HostSummaryRepository, LabelRepository, PackRepository,
  PolicyRepository, QueryRepository, ScheduledQueryRepository, SessionRepository, SoftwareRepository, TeamRepository, UserRepository,
  HostDeviceMappingRepository, HostLabelRepository, InviteRepository, AccountTokenRepository,
} from './admin';
import { CronStatsRepository, MaintenanceRepository } from './cron';
import { CampaignRepository, LiveQueryTargetRepository } from './live-query';
import { DatabaseDiagnosticsRepository } from './database-diagnostics.repository';
import { SOFTWARE_REPOSITORIES } from './software';

/** The injection token of a repository (its class, abstract or not) and the class that implements it on MySQL. */
export interface RepositoryBinding {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tokens are classes of any constructor shape
  readonly token: abstract new (...args: any[]) => unknown;
  readonly implementation: new (ds: DataSource) => unknown;
}

const self = <T extends new (ds: DataSource) => unknown>(c: T): RepositoryBinding => ({ token: c, implementation: c });

/**
 * Every repository and its MySQL implementation, bound once for the whole process by the platform's
 * PersistenceModule; role modules inject repositories by class and never list them again.
 */
export const REPOSITORY_BINDINGS: readonly RepositoryBinding[] = [
  { token: AgentHostRepository, implementation: MysqlAgentHostRepository },
  { token: AgentDataRepository, implementation: MysqlAgentDataRepository },
  { token: AgentCatalogRepository, implementation: MysqlAgentCatalogRepository },
  { token: CarveRepository, implementation: MysqlCarveRepository },
  ...[ActivityRepository, AppConfigRepository, HostDetailRepository, HostRepository, HostStatsRepository, HostSummaryRepository, LabelRepository, PackRepository,
    PolicyRepository, QueryRepository, ScheduledQueryRepository, SessionRepository, SoftwareRepository, TeamRepository, UserRepository,
    CronStatsRepository, MaintenanceRepository, CampaignRepository, LiveQueryTargetRepository].map(self),
  ...SOFTWARE_REPOSITORIES.filter((r) => r !== SoftwareRepository).map(self),
  ...[HostDeviceMappingRepository, HostLabelRepository, DatabaseDiagnosticsRepository].map(self),
  ...[InviteRepository, AccountTokenRepository].map(self),
  self(LogRoutingFactsRepository),
];
