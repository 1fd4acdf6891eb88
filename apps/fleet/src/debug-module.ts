import { AdminError, Authenticator } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DebugModule } from '@fleet/debug';
import type { DebugDependencies } from '@fleet/debug';
import type { Clock } from '@fleet/domain';
import { DatabaseDiagnosticsRepository, SessionRepository, UserRepository } from '@fleet/persistence';
import { CLOCK, HEALTH_CHECKS, HealthService } from '@fleet/platform';
import type { HealthCheckName } from '@fleet/platform';

/** A /debug/facts probe of one dependency: the same check as /healthz?check=<name>, failing with its error. */
function probe(health: HealthService, check: HealthCheckName): () => Promise<void> {
  return async () => {
    const report = await health.check([check]);
    if (!report.healthy) throw new Error(report.failures.map((f) => f.error).join('; '));
  };
}

/**
 * The admin-only /debug/* endpoints (CPU profile, heap snapshot, errors, redacted config, facts, the database's
 * lock waits, InnoDB status and process list), mounted
 * once per process whatever its roles, so `fleetctl debug --context <one server>` reaches every replica.
 * Access is decided with the admin API's own session lookup: only global admins get in.
 */
export const debugModule = DebugModule.register({
  inject: [SessionRepository, UserRepository, CLOCK, FLEET_CONFIG, HealthService, DatabaseDiagnosticsRepository],
  useFactory: (sessions: SessionRepository, users: UserRepository, clock: Clock, config: FleetConfig, health: HealthService,
    database: DatabaseDiagnosticsRepository): DebugDependencies => {
    const auth = new Authenticator(sessions, users, clock, config.session.duration);
    return {
      access: async (authorization, ip) => {
        try {
          return (await auth.authenticate(authorization, ip)).user?.globalRole === 'admin' ? 'admin' : 'forbidden';
        } catch (err) {
          if (err instanceof AdminError) return 'unauthenticated';
          throw err;
        }
      },
      probes: Object.fromEntries(HEALTH_CHECKS.map((check) => [check, probe(health, check)])),
      database,
    };
  },
});
