// The agent simulator (Fleet's osquery-perf): simulated osquery hosts with their own SQL engine that speak
// osquery's TLS protocol to a server over HTTP, and the `osquery-perf` command (osquery-perf.main.ts).
// It is a product users run, not a test helper, and like a real agent it never imports server code.
export { AgentHttpClient, OSQUERY_REQUEST_TIMEOUT_MS } from './agent-http-client';
export type { AgentHttpClientOptions, AgentRequest, AgentResponse } from './agent-http-client';
export { DETAIL_QUERY_PREFIX, answerDetailQuery, softwareRows } from './detail-answers';
export { FleetSimulator } from './fleet-simulator';
export type { FleetSimulatorOptions } from './fleet-simulator';
export { DEFAULT_INTERVALS } from './host-options';
export type { CarveOptions, HostIdentifierMode, HostIntervals, OsqueryPathPrefix, SimulatedHostOptions } from './host-options';
export { SIM_PLATFORMS, osqueryPlatformOf, platformTypeOf } from './host-platform';
export type { Row, SimPlatform } from './host-platform';
export type { HostProfile } from './host-profile';
export { LABEL_QUERY_PREFIX, LIVE_QUERY_PREFIX, POLICY_QUERY_PREFIX } from './host-query-answerer';
export type { MembershipAnswer } from './host-query-answerer';
export { buildHostTables } from './host-tables';
export type { TableSet } from './host-tables';
export { SIMULATED_OSQUERY_VERSION, createHostProfile } from './host-templates';
export { LatencyHistogram } from './latency-histogram';
export type { LatencySummary } from './latency-histogram';
export { calendarTime } from './log-lines';
export { assignPlatforms, parsePlatformMix } from './platform-mix';
export type { PlatformMix } from './platform-mix';
export { buildOsqueryPerfCommand, formatStatsLine, runOsqueryPerf, runSimulation } from './osquery-perf-cli';
export type { OsqueryPerfArgs } from './osquery-perf-cli';
export { SEQUENCE_DECORATION, SimulatedHost } from './simulated-host';
export { AGENT_ENDPOINTS, SimulatorStats } from './simulator-stats';
export type { AgentEndpoint, EndpointStats, ResponseOutcome, SimulatorStatsSnapshot, StatsMark } from './simulator-stats';
export { evaluateSql } from './sql-evaluator';
export type { SqlResult } from './sql-evaluator';
