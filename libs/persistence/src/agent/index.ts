export { AgentCatalogRepository, MysqlAgentCatalogRepository } from './agent-catalog.repository';
export { AgentDataRepository, MysqlAgentDataRepository } from './agent-data.repository';
export { AgentHostRepository, MysqlAgentHostRepository } from './agent-host.repository';
export type { EnrollInput, EnrollOutcome } from './agent-host.types';
export { CarveRepository, MysqlCarveRepository } from './carve.repository';
export type { CarveSession, NewCarve } from './carve.repository';
export { LogRoutingFactsRepository } from './log-routing-facts.repository';
