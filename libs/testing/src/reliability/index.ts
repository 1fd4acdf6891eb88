// The reliability suite's scenarios (issue 18), shared by the long runs (bench/reliability, results in
// bench/results) and their CI-sized versions (e2e/reliability): each starts the built `fleet` on a database and
// Redis of its own, drives it, and returns its figures; callers decide the sizes and what to assert.
export { ENROLL_SECRET, createDatabase, freePort, logPath, readRssMb, sleep, startServer, waitHealthy } from './fleet-stack';
export type { FleetServer, ReliabilityDatabase, ServerOptions } from './fleet-stack';
export { ServerMonitor } from './server-monitor';
export type { MonitorSummary } from './server-monitor';
export { DECLARED_5XX, runFuzz } from './fuzz/fuzz-run';
export type { FuzzOptions, FuzzReport, Violation } from './fuzz/fuzz-run';
export { AgentWindowTap } from './agent-window';
export type { AgentWindow } from './agent-window';
export { startBalancer } from './nginx-balancer';
export type { Balancer, BalancerRoute } from './nginx-balancer';
export { FAULTS, FAULT_DESCRIPTIONS, runFault } from './faults/fault-run';
export type { FaultName, FaultResult, FaultRunOptions } from './faults/fault-run';
export type { LineAccount } from './faults/line-ledger';
export { runSlowClients } from './slow-clients';
export type { SlowClientsOptions, SlowClientsResult } from './slow-clients';
