// Integration-test helpers: per-test databases, test apps, a private redis-server, a TCP proxy, network namespaces,
// eventually; and the reliability suite's scenarios (./reliability), shared by bench/reliability and e2e/reliability.
// The agent simulator is its own product in @fleet/simulator.
export * from './integration';
export * from './reliability';
