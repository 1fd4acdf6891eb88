import { SoftwareRepository } from './software.repository';
import { VulnerabilityCountsRepository } from './vulnerability-counts.repository';
import { VulnerabilityFeedRepository } from './vulnerability-feed.repository';
import { VulnerabilityJobsRepository } from './vulnerability-jobs.repository';
import { VulnerabilityMatchRepository } from './vulnerability-match.repository';
import { VulnerabilityRepository } from './vulnerability.repository';
import { VulnerabilityWebhookRepository } from './vulnerability-webhook.repository';

/** The software and vulnerability repositories (each its own MySQL implementation), for REPOSITORY_BINDINGS. */
export const SOFTWARE_REPOSITORIES = [SoftwareRepository, VulnerabilityRepository, VulnerabilityMatchRepository, VulnerabilityCountsRepository,
  VulnerabilityFeedRepository, VulnerabilityJobsRepository, VulnerabilityWebhookRepository] as const;
