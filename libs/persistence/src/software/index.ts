export { SoftwareRepository } from './software.repository';
export { VulnerabilityRepository } from './vulnerability.repository';
export { VulnerabilityMatchRepository } from './vulnerability-match.repository';
export { VulnerabilityCountsRepository } from './vulnerability-counts.repository';
export { VulnerabilityFeedRepository } from './vulnerability-feed.repository';
export { VulnerabilityJobsRepository } from './vulnerability-jobs.repository';
export { VulnerabilityWebhookRepository } from './vulnerability-webhook.repository';
export { SOFTWARE_REPOSITORIES } from './software.bindings';
