import type { DataSource } from 'typeorm';
import type { FleetConfig } from '@fleet/config';
import {
  AgentCatalogRepository, AgentDataRepository, AgentHostRepository, CarveRepository, MysqlAgentCatalogRepository, MysqlAgentDataRepository,
  MysqlAgentHostRepository, MysqlCarveRepository, carveRepositoryFor, LogRoutingFactsRepository,
} from './agent';
import {
  ActivityRepository, AppConfigRepository, HostDetailRepository, HostRepository, HostStatsRepository, HostSummaryRepository, LabelRepository, PackRepository,
  PolicyRepository, QueryRepository, ScheduledQueryRepository, SessionRepository, SoftwareRepository, TeamRepository, UserRepository,
  HostDeviceMappingRepository, HostLabelRepository, InviteRepository, AccountTokenRepository,
} from './admin';
import { CronStatsRepository, MaintenanceRepository } from './cron';
import { CampaignRepository, LiveQueryTargetRepository } from './live-query';
import { DatabaseDiagnosticsRepository } from './database-diagnostics.repository';
import { replicaReads } from './replica-reads';
import { SOFTWARE_REPOSITORIES, VulnerabilityRepository } from './software';

/** The injection token of a repository (its class, abstract or not) and the class that implements it on MySQL. */
export interface RepositoryBinding {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tokens are classes of any constructor shape
  readonly token: abstract new (...args: any[]) => unknown;
  readonly implementation: new (ds: DataSource) => unknown;
  /** Builds the repository when it depends on configuration (carves in S3); `implementation` otherwise. */
  readonly configured?: (ds: DataSource, config: FleetConfig) => unknown;
}

const self = <T extends new (ds: DataSource) => unknown>(c: T): RepositoryBinding => ({ token: c, implementation: c });

/**
 * The admin API's heavy reads (host list and details, summary counts, software and vulnerabilities, activities,
 * labels, policies): their repositories get `replicaReads(ds)`, whose read statements go to the MySQL read
 * replica when one is configured and the admin request's read route allows it; their writes reach the primary.
 */
const READS_FROM_REPLICA: ReadonlySet<unknown> = new Set<unknown>([
  HostRepository, HostDetailRepository, HostSummaryRepository, HostStatsRepository, SoftwareRepository, VulnerabilityRepository,
  ActivityRepository, LabelRepository, PolicyRepository,
]);

const routed = (b: RepositoryBinding): RepositoryBinding =>
  READS_FROM_REPLICA.has(b.token) && !b.configured ? { ...b, configured: (ds) => new b.implementation(replicaReads(ds)) } : b;

/**
 * Every repository and its MySQL implementation, bound once for the whole process by the platform's
 * PersistenceModule; role modules inject repositories by class and never list them again.
 */
export const REPOSITORY_BINDINGS: readonly RepositoryBinding[] = ([
  { token: AgentHostRepository, implementation: MysqlAgentHostRepository },
  { token: AgentDataRepository, implementation: MysqlAgentDataRepository },
  { token: AgentCatalogRepository, implementation: MysqlAgentCatalogRepository },
  { token: CarveRepository, implementation: MysqlCarveRepository, configured: carveRepositoryFor },
  ...[ActivityRepository, AppConfigRepository, HostDetailRepository, HostRepository, HostStatsRepository, HostSummaryRepository, LabelRepository, PackRepository,
    PolicyRepository, QueryRepository, ScheduledQueryRepository, SessionRepository, SoftwareRepository, TeamRepository, UserRepository,
    CronStatsRepository, MaintenanceRepository, CampaignRepository, LiveQueryTargetRepository].map(self),
  ...SOFTWARE_REPOSITORIES.filter((r) => r !== SoftwareRepository).map(self),
  ...[HostDeviceMappingRepository, HostLabelRepository, DatabaseDiagnosticsRepository].map(self),
  self(LogRoutingFactsRepository),
  ...[InviteRepository, AccountTokenRepository].map(self),
] as const).map(routed);
