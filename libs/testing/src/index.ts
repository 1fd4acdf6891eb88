// Integration-test helpers only: per-test databases, test apps, a private redis-server, a TCP proxy, eventually.
// The agent simulator is its own product in @fleet/simulator.
export * from './integration';
