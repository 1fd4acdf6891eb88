import { AdminError, Authenticator } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DebugModule } from '@fleet/debug';
import type { DebugDependencies } from '@fleet/debug';
import { systemClock } from '@fleet/domain';
import { pingRedis } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { DataSource, pingMysql, SessionRepository, UserRepository } from '@fleet/persistence';
import { REDIS } from '@fleet/platform';

/**
 * The admin-only /debug/* endpoints (CPU profile, heap snapshot, errors, redacted config, facts), mounted
 * once per process whatever its roles, so `fleetctl debug --context <one server>` reaches every replica.
 * Access is decided with the admin API's own session lookup: only global admins get in.
 */
export const debugModule = DebugModule.register({
  inject: [DataSource, FLEET_CONFIG, REDIS],
  useFactory: (ds: DataSource, config: FleetConfig, redis: RedisClient): DebugDependencies => {
    const auth = new Authenticator(new SessionRepository(ds), new UserRepository(ds), systemClock, config.session.duration);
    return {
      access: async (authorization, ip) => {
        try {
          return (await auth.authenticate(authorization, ip)).user?.globalRole === 'admin' ? 'admin' : 'forbidden';
        } catch (err) {
          if (err instanceof AdminError) return 'unauthenticated';
          throw err;
        }
      },
      probes: { mysql: () => pingMysql(ds), redis: () => pingRedis(redis) },
    };
  },
});
